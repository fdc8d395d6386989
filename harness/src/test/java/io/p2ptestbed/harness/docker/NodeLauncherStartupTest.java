package io.p2ptestbed.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.node.control.Fields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up pieces that need no engine: the start window and what a start-up failure says it waited for. */
class NodeLauncherStartupTest {

    @Test
    void theStartWindowIsSixByDefaultNeverAboveTheWaitingThreadsAndRefusesNonsense() {
        DockerOptions d = DockerOptions.defaults();
        assertThat(NodeLauncher.startWindow(d.withParallelism(8))).isEqualTo(6);
        assertThat(NodeLauncher.startWindow(d.withParallelism(3))).isEqualTo(3);
        System.setProperty("testbed.docker.startWindow", "0");
        try {
            assertThatThrownBy(() -> NodeLauncher.startWindow(d)).hasMessageContaining("testbed.docker.startWindow")
                    .hasMessageContaining("[1, 64]").hasMessageContaining("got 0");
        } finally {
            System.clearProperty("testbed.docker.startWindow");
        }
    }

    @Test
    void aContainerThatHasNotJoinedNamesTheNodeSlotsStillWaiting() {
        List<Fields> infos = List.of(node(true, true), node(true, false), node(false, false), node(true, false));
        assertThat(NodeHostContainer.allJoined(infos)).isFalse();
        assertThat(NodeHostContainer.notJoined(infos)).isEqualTo("node slots [1, 3] of 4 not joined yet");
        assertThat(NodeHostContainer.notJoined(List.of(node(true, false)))).isEqualTo("node slot [0] of 1 not joined yet");
        assertThat(NodeHostContainer.notJoined(List.of())).isEqualTo("it lists no nodes yet");
    }

    @Test
    void theLoadAverageReadsProcOrSaysUnknown() {
        assertThat(NodeLauncher.loadAverage()).matches("unknown|[0-9.]+ [0-9.]+ [0-9.]+");
    }

    private static Fields node(boolean running, boolean joined) {
        return Fields.of(Map.of("running", running, "joined", joined), "node");
    }
}
