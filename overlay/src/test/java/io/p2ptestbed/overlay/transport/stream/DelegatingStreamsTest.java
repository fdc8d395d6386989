package io.p2ptestbed.overlay.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pass-through base passes every call of the stream contract to the inner transport, with its arguments and result. */
class DelegatingStreamsTest {

    /** One answer per return type of the contract; each a distinct object, so a result that did not come from the inner shows. */
    private static final Map<Class<?>, Object> ANSWERS = Map.of(
            NodeAddress.class, NodeAddress.of(127, 0, 0, 9, 6346),
            List.class, List.of(),
            StreamLimits.class, StreamLimits.DEFAULT,
            StreamCounters.class, new StreamCounters());

    private record Call(String method, List<Object> args) {}

    @Test
    void everyMethodOfTheContractReachesTheInnerTransportOnce() throws Exception {
        List<Call> calls = new ArrayList<>();
        StreamTransport inner = (StreamTransport) Proxy.newProxyInstance(StreamTransport.class.getClassLoader(),
                new Class<?>[] {StreamTransport.class}, (proxy, m, args) -> {
                    calls.add(new Call(m.getName(), args == null ? List.of() : Arrays.asList(args)));
                    return ANSWERS.get(m.getReturnType());
                });
        DelegatingStreams outer = new DelegatingStreams(inner) {};
        NodeAddress to = NodeAddress.of(127, 0, 0, 10, 6346);
        ConnectionHandler handler = new Recorder();

        List<Method> contract = Arrays.stream(StreamTransport.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .toList();
        assertThat(contract).extracting(Method::getName)
                .contains("localAddress", "listen", "connect", "connections", "limits", "counters", "close");
        for (Method m : contract) {
            calls.clear();
            Object[] args = Arrays.stream(m.getParameterTypes())
                    .map(t -> t == NodeAddress.class ? to : t == ConnectionHandler.class ? handler : null)
                    .toArray();
            Object result = m.invoke(outer, args);
            assertThat(calls).as(m.getName()).containsExactly(new Call(m.getName(), Arrays.asList(args)));
            if (m.getReturnType() != void.class) {
                assertThat(result).as(m.getName()).isSameAs(ANSWERS.get(m.getReturnType()));
            }
        }
    }
}
