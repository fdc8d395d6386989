package io.p2ptestbed.features;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Runs the bundled .feature files on the JUnit Platform, so Surefire counts every scenario as a test. */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("io.p2ptestbed.suites")
public class RunCucumberTest {}
