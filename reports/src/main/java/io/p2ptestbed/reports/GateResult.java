package io.p2ptestbed.reports;

import java.util.List;

/** All checks of one baseline comparison, in scenario then metric order. */
public record GateResult(List<GateCheck> checks) {
    public GateResult {
        checks = List.copyOf(checks);
    }

    public List<Regression> regressions() {
        return checks.stream().filter(c -> c.outcome() == GateCheck.Outcome.REGRESSION)
                .map(GateCheck::toRegression).toList();
    }

    public List<GateCheck> unknowns() {
        return withOutcome(GateCheck.Outcome.UNKNOWN);
    }

    public List<GateCheck> withOutcome(GateCheck.Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).toList();
    }

    /** True only if nothing regressed and nothing expected is unknown. */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.outcome() == GateCheck.Outcome.REGRESSION
                || c.outcome() == GateCheck.Outcome.UNKNOWN);
    }

    /** Verdict for a RunReport: FAIL on regression, else UNKNOWN on unknowns, else PASS. */
    public Verdict verdict() {
        if (!regressions().isEmpty()) {
            return Verdict.FAIL;
        }
        return unknowns().isEmpty() ? Verdict.PASS : Verdict.UNKNOWN;
    }

    /** One line per non-passing check, or "all N checks passed". */
    public String summary() {
        List<String> lines = checks.stream().filter(c -> c.outcome() != GateCheck.Outcome.PASS)
                .map(c -> c.outcome() + ": " + c.message()).toList();
        return lines.isEmpty() ? "all " + checks.size() + " checks passed" : String.join("\n", lines);
    }
}
