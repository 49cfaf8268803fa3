"""Variations: a parent asks for special expenses or additional income to be taken into
account (SI 2012/2677 Part 5), the other parent responds, a caseworker decides, and an
agreed variation is carried into every later decision while it is in force."""
