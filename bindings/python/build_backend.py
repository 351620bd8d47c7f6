"""The package's build backend: maturin's, with one change.

Built from source (``pip install ./bindings/python``, or from an sdist),
binhdang compiles its Rust engine, so it needs Rust's ``cargo``. maturin's own
backend, when it finds no ``cargo``, downloads a Rust toolchain into a cache
directory (``puccinialin``) and carries on: minutes of download and build on a
machine whose owner asked for none, and a failure with no clear cause where
there is no network. Here a machine without ``cargo`` gets a clear error
instead, saying what to install or to use a wheel. With ``cargo`` on the
PATH, every hook is maturin's, unchanged.
"""

from __future__ import annotations

import os
import shutil
from typing import Any, List, Mapping, Optional

# Before maturin's hooks run: never fetch a toolchain (maturin reads this).
os.environ["MATURIN_NO_INSTALL_RUST"] = "1"

import maturin as _maturin  # noqa: E402

NO_RUST = (
    "binhdang: building from source needs Rust, and no `cargo` is on the PATH. "
    "Install a wheel instead (`maturin build --release -m bindings/python/Cargo.toml` "
    "on a machine with Rust makes one; then `pip install binhdang-*.whl`), or install "
    "Rust with your system's package manager or rustup (https://rustup.rs) and try again. "
    "(binhdang's build does not download a toolchain by itself.)"
)


def _need_cargo() -> None:
    if shutil.which("cargo") is None:
        raise RuntimeError(NO_RUST)


def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    _need_cargo()
    return list(_maturin.get_requires_for_build_wheel(config_settings))


def get_requires_for_build_editable(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    _need_cargo()
    return list(_maturin.get_requires_for_build_editable(config_settings))


def get_requires_for_build_sdist(config_settings: Optional[Mapping[str, Any]] = None) -> List[str]:
    _need_cargo()
    return list(_maturin.get_requires_for_build_sdist(config_settings))


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    _need_cargo()
    return str(_maturin.prepare_metadata_for_build_wheel(metadata_directory, config_settings))


def build_wheel(
    wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None, metadata_directory: Optional[str] = None
) -> str:
    _need_cargo()
    return str(_maturin.build_wheel(wheel_directory, config_settings, metadata_directory))


def build_editable(
    wheel_directory: str, config_settings: Optional[Mapping[str, Any]] = None, metadata_directory: Optional[str] = None
) -> str:
    _need_cargo()
    return str(_maturin.build_editable(wheel_directory, config_settings, metadata_directory))


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, Any]] = None) -> str:
    _need_cargo()
    return str(_maturin.build_sdist(sdist_directory, config_settings))
