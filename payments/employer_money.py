"""What payments needs to know about money an employer takes from pay, without importing
the employers app (which sits above payments). The employers app registers its
implementation from EmployersConfig.ready; with none registered (employers not
installed) no case is paid through an employer and no employer payment is matched."""


class NoEmployerMoney:
    """The behaviour when no employers app is installed."""

    def paid_by_employer(self):
        """An expression, for a queryset with a `case_id`, true when the case has an
        active deduction order; None when no case can have one."""
        return None

    def employer_cutoff(self, cutoff):
        """The last due date the employer's payments must have covered by `cutoff`."""
        return cutoff

    def leave_out_employers_money(self, unpaid, on_date, cutoff):
        """Drop from `unpaid` the instalments the employer's money already covers."""

    def deduction_orders_exist(self):
        """Facts read with the paying parent's account (`selectors.account_position`):
        whether they have any order."""
        return {}

    def active_deduction(self, case, party):
        """(active order or None, the case page's deduction lines)."""
        return None, []

    def open_remittances(self, employer_references):
        """Employers' payments under `employer_references`, locked, oldest first."""
        return []

    def latest_remittances(self, employer_references):
        return []

    def remittance_by_public_id(self, public_id):
        return None

    def case_of(self, remittance):
        return None

    def fully_matched(self, remittance):
        """Bank money now covers all of `remittance`: post it to the cases."""


_registered = NoEmployerMoney()


def register_employer_money(implementation):
    global _registered
    _registered = implementation


def employer_money():
    return _registered
