"""Rows that are written once and never changed or deleted: the ledger and the allocation
of receipts. A correction is a new row. The database refuses changes too (a trigger, see
migration 0002); this guard makes the same promise in Python on every database."""

from django.db import models


class InsertOnlyError(Exception):
    """Raised when code tries to change or delete an insert-only row."""


class InsertOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise InsertOnlyError(f"{self.model._meta.label} rows are never changed: post a reversal.")

    def delete(self):
        raise InsertOnlyError(f"{self.model._meta.label} rows are never deleted: post a reversal.")


class InsertOnlyModel(models.Model):
    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise InsertOnlyError(f"{self._meta.label} rows are never changed: post a reversal.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InsertOnlyError(f"{self._meta.label} rows are never deleted: post a reversal.")
