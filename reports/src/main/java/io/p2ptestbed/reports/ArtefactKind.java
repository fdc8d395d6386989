package io.p2ptestbed.reports;

/** What an artefact file is; decides where {@link IndexPage} shows it. */
public enum ArtefactKind {
    /** The one frame shown next to a scenario's verdict. */
    KEY_FRAME,
    /** The scenario's interactive viewer ({@link ViewerPage}). */
    VIEWER,
    /** Any other time-lapse frame. */
    FRAME,
    CHART,
    GRAPHML,
    GEXF,
    DOT,
    DGS,
    JSON_REPORT,
    JUNIT_XML,
    BASELINE,
    CUCUMBER_HTML,
    OTHER
}
