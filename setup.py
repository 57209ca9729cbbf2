import re

from setuptools import find_packages, setup

with open("README.rst", encoding="utf-8") as handle:
    long_description = handle.read()

# The version is written once, in mastodon/__init__.py; read it without importing
# the package (its dependencies may not be installed yet).
with open("mastodon/__init__.py", encoding="utf-8") as handle:
    version = re.search(r'^__version__ = "([^"]+)"$', handle.read(), re.MULTILINE).group(1)

extras = {
    "webpush": ["cryptography>=41", "http_ece>=1.1.0"],
    "blurhash": ["blurhash>=1.1.4"],
    "websocket": ["websocket-client>=1.6"],
    "fast": ["orjson>=3.9"],
    # get_status_length: grapheme clusters and the Unicode properties of the server's link rules
    "status-length": ["regex>=2024.5.15"],
    "testing": ["werkzeug>=2.3", "websockets>=13.0"],  # mastodon.testing.LocalInstance and the pytest plugin
}
extras["test"] = [
    *extras["fast"],  # the tests compare the orjson and standard-library decoders
    *extras["testing"],
    *extras["webpush"],
    *extras["blurhash"],
    *extras["websocket"],
    *extras["status-length"],
    "pytest>=7.4",
    "pytest-cov>=4.1",
    "pytest-httpserver>=1.0.8",
    "hypothesis>=6.90",
    "pytz",
    "mypy>=1.8",
    "ruff>=0.4",
    "types-requests",
    "types-python-dateutil",
    "types-regex",
    "setuptools>=70.1",  # the packaging tests build a wheel without network access
    "typing_extensions>=4.1",  # assert_type for the type checks of tests/typing_*.py on Python 3.10
    "tomli>=1.1; python_version < '3.11'",  # tools/gen_entities.py reads TOML (tomllib from 3.11)
]
extras["docs"] = ["sphinx>=7", *extras["testing"]]  # the docs describe mastodon.testing from its code

setup(
    name="pytooter",
    version=version,
    description="A complete, fast and careful Python client for the Mastodon API",
    long_description=long_description,
    long_description_content_type="text/x-rst",
    license="MIT",
    license_files=["LICENSE"],
    packages=find_packages(include=["mastodon", "mastodon.*"]),
    package_data={"mastodon": ["py.typed", "*.pyi"]},
    python_requires=">=3.10",
    install_requires=["requests>=2.28", "urllib3>=2.0", "python-dateutil>=2.8"],
    extras_require=extras,
    entry_points={"pytest11": ["mastodon = mastodon.testing.pytest_plugin"]},
    project_urls={
        "Documentation": "https://pytooter.readthedocs.io/",
        "Source": "https://github.com/pytooter/pytooter",
        "Changelog": "https://pytooter.readthedocs.io/en/latest/changelog.html",
        "Issues": "https://github.com/pytooter/pytooter/issues",
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Topic :: Communications",
        "Typing :: Typed",
    ],
)
