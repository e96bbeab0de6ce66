"""CP-SAT through OR-Tools' compiled helper module only.

``ortools.sat.python.cp_model`` imports pandas and numpy when it loads (for its
DataFrame helpers, which Stridelift never uses): about a third of a second of every CLI
command that plans. The model, its variables, the parameters and the solve all live in
``cp_model_helper``, which imports neither, so the week model is built and solved
through it. Only what the week model needs is here.
"""

from __future__ import annotations

from ortools.sat.python import cp_model_helper as cmh
from ortools.util.python.sorted_interval_list import Domain

IntVar = cmh.IntVar
Response = cmh.CpSolverResponse
SatParameters = cmh.SatParameters

INT_MIN = -(2**63)  # as cp_model defines them
INT_MAX = 2**63 - 1

OPTIMAL = cmh.CpSolverStatus.OPTIMAL
FEASIBLE = cmh.CpSolverStatus.FEASIBLE
CHOOSE_FIRST = cmh.DecisionStrategyProto.VariableSelectionStrategy.CHOOSE_FIRST
SELECT_MIN_VALUE = cmh.DecisionStrategyProto.DomainReductionStrategy.SELECT_MIN_VALUE
SELECT_MAX_VALUE = cmh.DecisionStrategyProto.DomainReductionStrategy.SELECT_MAX_VALUE
FIXED_SEARCH = cmh.SatParameters.SearchBranching.FIXED_SEARCH

_BOOL = Domain(0, 1)


class Model(cmh.CpBaseModel):
    """A CP-SAT model: variables are made here, constraints written into ``proto`` (the
    model's proto, read once: the property costs a call each time)."""

    def __init__(self) -> None:
        cmh.CpBaseModel.__init__(self, None)
        self.proto = self.model_proto

    def new_bool_var(self, name: str) -> IntVar:
        """A 0-1 variable, left unnamed in the model: naming it cost more than making it
        (4.8 against 1.7 microseconds, some 80 variables a week model). ``name`` stays in
        the code that asks, as what the variable means."""
        return IntVar(self.proto).with_domain(_BOOL)

    def new_int_var(self, lb: int, ub: int, name: str) -> IntVar:
        """An integer variable in [lb, ub] (unnamed, as above)."""
        return IntVar(self.proto).with_domain(Domain(lb, ub))


def solve(model: Model, params: SatParameters) -> Response:
    """Solve ``model`` under ``params``; the response holds the status and the values."""
    wrapper = cmh.SolveWrapper()
    wrapper.set_parameters(params)
    response: Response = wrapper.solve(model.proto)  # type: ignore[no-untyped-call]
    return response


def values(response: Response) -> list[int]:
    """The solution's values, by variable index (read once: each read is a call)."""
    return list(response.solution)
