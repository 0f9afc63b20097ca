"""Settings, read once at the edge (CLI, flows, inbox) and passed down.

Sources, strongest first: keyword arguments, `ORDERINTAKE_*` environment variables (nested with `__`, e.g.
`ORDERINTAKE_COMPANY__NAME`), `orderintake.toml` in the working directory (or the file named by
`ORDERINTAKE_CONFIG`), then the defaults below.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from models.company import CompanyProfile
from models.options import ExtractOptions


class Settings(BaseSettings):
    """Everything configurable about orderintake."""

    model_config = SettingsConfigDict(env_prefix="ORDERINTAKE_", env_nested_delimiter="__", extra="ignore")

    extract: ExtractOptions = Field(default_factory=ExtractOptions)
    company: CompanyProfile = Field(default_factory=CompanyProfile)
    policy_file: Path | None = None
    """A YAML policy overriding validators/data/policy.yaml (what is required, what is recommended)."""
    database_url: str = "sqlite:///.orderintake/orders.db"
    """The order registry: a SQLAlchemy URL (SQLite file by default, PostgreSQL for a team)."""
    review_enabled: bool = False
    review_timeout_s: int = 3600
    retention_days: int | None = None
    """Delete archive/ and failed/ files older than this many days; None keeps them forever."""
    language: str | None = None
    """Force the confirmation language; None uses the buyer's language."""

    @model_validator(mode="after")
    def _share_with_extraction(self) -> Settings:
        """Extraction runs the checks, so it carries the company profile and policy file too."""
        self.extract.company = self.company
        self.extract.policy_file = self.policy_file
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Add orderintake.toml below the environment."""
        toml_file = Path(os.environ.get("ORDERINTAKE_CONFIG", "orderintake.toml"))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file))


def load_settings(**overrides: object) -> Settings:
    """Read the settings once, at an edge of the program."""
    return Settings(**overrides)  # type: ignore[arg-type]
