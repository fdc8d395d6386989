package io.p2ptestbed.harness.scenario;

/** A scenario parameter out of range; the message names the parameter. */
public final class ScenarioException extends IllegalArgumentException {

    private final String parameter;

    public ScenarioException(String parameter, String problem) {
        super("scenario parameter '" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
