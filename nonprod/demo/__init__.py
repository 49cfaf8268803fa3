"""Each module loads one area's demo data through that area's services (`load`) and
lists its sign-ins (`accounts`). `LOADERS` is the order they run in: employers and
payments build on cases; the payments history (nightly jobs, payments and employers'
money reaching the bank, day by day) runs over every case loaded before it; today's
nightly pass-on runs last."""

from . import cases, employers, nightly, payments, staff

LOADERS = [staff, cases, employers, payments, nightly]
