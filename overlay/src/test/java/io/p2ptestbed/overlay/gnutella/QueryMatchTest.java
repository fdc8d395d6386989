package io.p2ptestbed.overlay.gnutella;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A servent answers a query when its file name holds every word of the criteria (words split as by "\\s+"). */
class QueryMatchTest {

    /** The rule as a regex split, for comparison. */
    private static boolean byRegex(String name, String criteria) {
        for (String w : criteria.split("\\s+")) {
            if (!w.isEmpty() && !name.contains(w)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void matchesEveryWordAsTheRegexSplitDoes() {
        assertThat(GnutellaNode.containsEveryWord("kw12.dat", "kw12")).isTrue();
        assertThat(GnutellaNode.containsEveryWord("kw12.dat", "kw1 dat")).isTrue();
        assertThat(GnutellaNode.containsEveryWord("kw12.dat", "kw1 mp3")).isFalse();
        assertThat(GnutellaNode.containsEveryWord("kw12.dat", "  \t")).as("no words: everything matches").isTrue();
        assertThat(GnutellaNode.containsEveryWord("", "x")).isFalse();
        List<String> alphabet = List.of("k", "w", "1", "2", ".", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "d");
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            StringBuilder criteria = new StringBuilder();
            for (int j = r.nextInt(8); j > 0; j--) {
                name.append(alphabet.get(r.nextInt(5)));
            }
            for (int j = r.nextInt(8); j > 0; j--) {
                criteria.append(alphabet.get(r.nextInt(alphabet.size())));
            }
            assertThat(GnutellaNode.containsEveryWord(name.toString(), criteria.toString()))
                    .as("'%s' in '%s'", criteria, name).isEqualTo(byRegex(name.toString(), criteria.toString()));
        }
    }
}
