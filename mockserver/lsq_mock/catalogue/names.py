"""The vendor's names on the wire, each written once: where the keys go, and the query
parameters and body keys that more than one layer reads."""

from __future__ import annotations

ACCESS_KEY_PARAMETER = "accessKey"
SECRET_KEY_PARAMETER = "secretKey"
ACCESS_KEY_HEADER = "x-LSQ-AccessKey"
SECRET_KEY_HEADER = "x-LSQ-SecretKey"
"""The vendor's headers for the keys (it recommends them over the query string)."""
SKIP_DROPDOWNS = "ValidateDropDownOptions"
"""`true` (on a row, or in the query string) skips dropdown validation."""
KEY_PLACES = (
    (ACCESS_KEY_PARAMETER, ACCESS_KEY_HEADER),
    (SECRET_KEY_PARAMETER, SECRET_KEY_HEADER),
)
"""Each key's query parameter and header: the query string is read first, as the API does."""
