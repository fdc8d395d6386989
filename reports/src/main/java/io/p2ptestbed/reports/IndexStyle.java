package io.p2ptestbed.reports;

/** Inline stylesheet of {@link IndexPage}. */
final class IndexStyle {
    static final String CSS = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            h1 { margin-bottom: .2em; }
            .overall { font-size: 1.3em; font-weight: bold; padding: .4em .8em; display: inline-block; border-radius: 4px; }
            .overall.FAIL { background: #fdd; color: #900; }
            .overall.UNKNOWN { background: #ffefc2; color: #7a5400; }
            .overall.PASS { background: #dfd; color: #060; }
            table { border-collapse: collapse; margin: .8em 0; }
            th, td { border: 1px solid #ccc; padding: .35em .6em; text-align: left; vertical-align: top; }
            table.meta th { background: #f4f4f4; }
            table.scenarios > tbody > tr > th { background: #eee; }
            tr.FAIL td { background: #fff0f0; }
            tr.FAIL td.verdict { background: #d62728; color: white; font-weight: bold; }
            tr.UNKNOWN td.verdict { background: #ffb000; color: black; font-weight: bold; }
            tr.PASS td.verdict { background: #2ca02c; color: white; font-weight: bold; }
            td.reason { max-width: 28em; white-space: pre-wrap; }
            td.metrics { font-family: monospace; white-space: nowrap; }
            td.frame img, figure img { border: 1px solid #bbb; }
            td.frame .viewer a { font-weight: bold; display: inline-block; margin-bottom: .3em; }
            .kind { color: #555; }
            .missing { color: #999; text-decoration: line-through; }
            figure { display: inline-block; margin: .5em 1em .5em 0; }
            """;

    private IndexStyle() {
    }
}
