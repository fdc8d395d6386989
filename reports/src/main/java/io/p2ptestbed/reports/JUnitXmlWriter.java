package io.p2ptestbed.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a {@link GateResult} in the Ant/Surefire JUnit XML format that CI servers read: one
 * {@code <testsuite name="baseline-gate">}, one {@code <testcase classname="baseline.<scenario>"
 * name="<metric>">} per check; REGRESSION gives {@code <failure>}, UNKNOWN gives {@code <error>}
 * (so a missing metric also turns the build red), NO_BASELINE gives {@code <skipped>}.
 */
final class JUnitXmlWriter {
    static final String SUITE_NAME = "baseline-gate";

    private JUnitXmlWriter() {
    }

    static Path write(GateResult result, Path file) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suite = doc.createElement("testsuite");
            doc.appendChild(suite);
            suite.setAttribute("name", SUITE_NAME);
            suite.setAttribute("tests", String.valueOf(result.checks().size()));
            suite.setAttribute("failures", String.valueOf(result.withOutcome(GateCheck.Outcome.REGRESSION).size()));
            suite.setAttribute("errors", String.valueOf(result.withOutcome(GateCheck.Outcome.UNKNOWN).size()));
            suite.setAttribute("skipped", String.valueOf(result.withOutcome(GateCheck.Outcome.NO_BASELINE).size()));
            suite.setAttribute("time", "0");
            for (GateCheck c : result.checks()) {
                Element tc = doc.createElement("testcase");
                tc.setAttribute("classname", "baseline." + c.scenario());
                tc.setAttribute("name", c.metric());
                tc.setAttribute("time", "0");
                String child = switch (c.outcome()) {
                    case PASS -> null;
                    case REGRESSION -> "failure";
                    case UNKNOWN -> "error";
                    case NO_BASELINE -> "skipped";
                };
                if (child != null) {
                    Element e = doc.createElement(child);
                    e.setAttribute("message", c.message());
                    if (!child.equals("skipped")) {
                        e.setAttribute("type", c.outcome().name());
                        e.setTextContent(c.message());
                    }
                    tc.appendChild(e);
                }
                suite.appendChild(tc);
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            t.transform(new DOMSource(doc), new StreamResult(file.toFile()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("writing JUnit XML " + file, e);
        }
    }
}
