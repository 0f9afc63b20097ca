"""The simulated world's companies (buyers, suppliers, forwarders, banks), loaded from `data/companies.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data" / "companies.yaml"


@dataclass(frozen=True)
class Company:
    """A company as its own letterhead prints it.

    Attributes:
        key: Catalog key.
        country: ISO 3166-1 alpha-2.
        name: Name as printed in Latin-script documents.
        address: Address lines (street, postcode and city) without the country.
        phone: Switchboard or direct number as printed.
        email_domain: Domain of the company's e-mail addresses.
        contacts: (person, e-mail local part) of the people who handle orders.
        vat_id: VAT or tax number as printed, or None.
        fax: Fax number (printed noise), or None.
        name_zh: Chinese name, printed on Chinese documents.
        address_zh: Chinese address lines.
        port: Nearest port of loading or discharge.
        city: City used as a named place (EXW, FCA, DAP ...).
        warehouse: Ship-to name and address lines when goods go elsewhere than the letterhead address.
        bank: Bank line printed in footers.
        register: Company register number printed in footers.
        ports_zh: Latin port name -> Chinese port name.
        vat_label: The label the company prints before its tax number ("ABN", "CNPJ"), None for the usual one.
        contacts_zh: Chinese names of the contacts (same order), printed on Chinese documents.
    """

    key: str
    country: str
    name: str
    address: tuple[str, ...]
    phone: str
    email_domain: str
    contacts: tuple[tuple[str, str], ...]
    vat_id: str | None = None
    fax: str | None = None
    name_zh: str | None = None
    address_zh: tuple[str, ...] = ()
    port: str = ""
    city: str = ""
    warehouse: tuple[str, ...] = ()
    bank: str = ""
    register: str = ""
    ports_zh: dict[str, str] = field(default_factory=dict)
    vat_label: str | None = None
    contacts_zh: tuple[str, ...] = ()

    def email(self, contact_index: int = 0) -> str:
        """E-mail address of one of the company's contacts."""
        return f"{self.contacts[contact_index][1]}@{self.email_domain}"

    def contact(self, index: int, chinese: bool) -> str:
        """A contact's name, in Chinese on Chinese documents when the company has Chinese names."""
        if chinese and index < len(self.contacts_zh):
            return self.contacts_zh[index]
        return self.contacts[index][0]


def _company(key: str, raw: dict[str, Any]) -> Company:
    values = dict(raw)
    for name in ("address", "address_zh", "warehouse", "contacts_zh"):
        values[name] = tuple(values.get(name, ()))
    values["contacts"] = tuple(tuple(pair) for pair in values["contacts"])
    values["phone"] = str(values["phone"])
    if "register" in values:
        values["register"] = str(values["register"])
    return Company(key=key, **values)


@cache
def _load() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def buyers() -> dict[str, Company]:
    """Buyers by key: the parties that issue orders and whose letterhead the orders carry."""
    return {key: _company(key, raw) for key, raw in _load()["buyers"].items()}


def sellers() -> dict[str, Company]:
    """Suppliers by key: the parties orders are addressed to."""
    return {key: _company(key, raw) for key, raw in _load()["sellers"].items()}


def forwarders(seller_country: str, chinese: bool = False) -> tuple[str, ...]:
    """Forwarders a buyer may nominate for goods leaving the seller's country."""
    if chinese:
        return tuple(_load()["forwarders_zh"])
    return tuple(_load()["forwarders"][seller_country])


def issuing_bank(buyer_country: str) -> str:
    """The bank that opens the buyer's letters of credit."""
    banks: dict[str, str] = _load()["issuing_banks"]
    return banks.get(buyer_country, banks["GB"])
