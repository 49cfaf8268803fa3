"""The kernel: small pieces every app may use (money fields and rounding, the money
parser, one-time codes, readable tokens, month arithmetic, admin helpers, permission
grants and the shared choices). It imports no app of the portal; only the pure
`calculation` helpers and Django."""
