package io.p2ptestbed.features.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/steps.md stays current: every sentence of the step library has a row in one of its tables. A row
 * documents a sentence when it holds every word of it (so a row may give a sentence's variants in short,
 * {@code `Then broadcast coverage is at least {double}%` / `... at most {double}%`}), and a sentence added
 * without a row fails here, naming it and its class.
 */
class StepsDocumentedTest {

    private static final Path STEPS_MD = Path.of("..", "docs", "steps.md");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_']+");

    @Test
    void everyStepSentenceHasARowInDocsStepsMd() throws IOException {
        List<Set<String>> rows = Files.readAllLines(STEPS_MD).stream()
                .filter(l -> l.startsWith("|"))
                .map(StepsDocumentedTest::words)
                .toList();
        List<String> sentences = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.features.steps")) {
            for (JavaMethod m : c.getMethods()) {
                String sentence = sentence(m);
                if (sentence == null) {
                    continue;
                }
                sentences.add(sentence);
                Set<String> words = words(sentence);
                if (rows.stream().noneMatch(r -> r.containsAll(words))) {
                    missing.add(c.getSimpleName() + ": " + sentence);
                }
            }
        }
        assertThat(sentences).as("step sentences found in io.p2ptestbed.features.steps").hasSizeGreaterThan(200);
        assertThat(missing).as("step sentences with no row in docs/steps.md (add one to the table of their class)")
                .isEmpty();
    }

    private static String sentence(JavaMethod m) {
        if (m.isAnnotatedWith(Given.class)) {
            return m.getAnnotationOfType(Given.class).value();
        }
        if (m.isAnnotatedWith(When.class)) {
            return m.getAnnotationOfType(When.class).value();
        }
        if (m.isAnnotatedWith(Then.class)) {
            return m.getAnnotationOfType(Then.class).value();
        }
        return null;
    }

    /** The words of a sentence or a row, lower case; a Cucumber expression's escapes are not words. */
    static Set<String> words(String text) {
        Set<String> words = new TreeSet<>();
        Matcher m = WORD.matcher(text.replace("\\", ""));
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
