"""The API's contract outside HTTP: the JSON Schemas, the strict JSON reader, the field checks
and what a violation of them is. Never imports Flask."""
