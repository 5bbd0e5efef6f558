"""A located finding of the validator, printed as path:line:col: CODE message (hint: ...)."""

from dataclasses import dataclass, field

from mlprep.codes import CODES, Severity


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = field(default="", compare=False)

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def __str__(self) -> str:
        hint = self.hint or CODES[self.code].fix
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message} (hint: {hint})"


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]
