"""The rules of the task table, one class each, split by concern.

Importing this package registers every rule (``RULES``, in the order imported below,
which is the order `cchc-xl rules` lists them) and its kind in the catalog. To add a
rule: a class in the module of its concern (a ``PlanRule[T]`` on a column of
the task frame, a ``TableRule`` reading whole rows, a ``BookRule`` deciding outside
the frame), with its code, column, severity, parameters, messages and a docstring
saying why; nothing else to edit (``rules.yaml`` only overrides).
"""

# isort: off
from cchc_xl.check.rules import structure  # noqa: F401  (registration, in this order)
from cchc_xl.check.rules import units  # noqa: F401
from cchc_xl.check.rules import deadlines  # noqa: F401
from cchc_xl.check.rules import budget  # noqa: F401
from cchc_xl.check.rules import numbering  # noqa: F401
from cchc_xl.check.rules import progress  # noqa: F401  (progress report forms)
# isort: on
from cchc_xl.check.rules.base import RULES, BookFacts, Context, Param, Problem, Rule

__all__ = ["RULES", "BookFacts", "Context", "Param", "Problem", "Rule"]
