package io.p2ptestbed.features.testglue;

import io.cucumber.java.en.Given;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only glue: a step that records that it ran, so a test can tell which steps of a scenario ran. */
public class RecorderSteps {

    public static final List<String> RAN = new CopyOnWriteArrayList<>();

    @Given("the recorder notes {string}")
    public void notes(String what) {
        RAN.add(what);
    }
}
