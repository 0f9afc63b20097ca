"""Plain-Python composition of the stages: extract -> validate -> confirm -> write. No Prefect here."""
