"""Pure functions that turn printed values into the result contract's normalized values.

Each function takes the raw text found next to a label and returns the normalized value, or None when the text
holds no such value (nothing is guessed). Language knowledge comes from the lexicons (`all_lexicons()`), never
from branches on a language code; matchers are compiled once per process.

- `numbers`: amounts and quantities in any locale style -> `Decimal`
- `dates`: numeric, named-month, Chinese and calendar-week dates -> `ParsedDate`
- `currency`: codes, symbols and names -> ISO 4217
- `units`: printed units -> UN/ECE Rec 20 codes
- `countries`: country names and codes -> ISO 3166-1 alpha-2
- `incoterms`: rule, named place and version
- `payment`: method, deposit, days, trigger, L/C type and instalments
- `transport`: sea, air, rail, road, courier, multimodal
- `flags`: allowed / not allowed
"""
