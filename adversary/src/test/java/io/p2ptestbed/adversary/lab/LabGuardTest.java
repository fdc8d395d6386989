package io.p2ptestbed.adversary.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.AttackContext;
import io.p2ptestbed.adversary.SimLab;
import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.dos.FloodBounds;
import io.p2ptestbed.adversary.kademlia.dos.FloodPlan;
import io.p2ptestbed.adversary.kademlia.dos.QueryMix;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipseAttack;
import io.p2ptestbed.adversary.kademlia.eclipse.EclipsePlan;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.transport.Transport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabGuardTest {

    private final LabGuard guard = LabGuard.loopbackOnly();

    @Test
    void loopbackAddressesArePermitted() {
        assertThat(guard.permits(NodeAddress.parse("127.0.0.1:6881"))).isTrue();
        assertThat(guard.permits(NodeAddress.parse("127.201.3.7:1"))).isTrue();
    }

    @Test
    void publicAndUnregisteredPrivateTargetsAreRefused() {
        assertThatThrownBy(() -> guard.check(NodeAddress.parse("8.8.8.8:53"), "flood target"))
                .isInstanceOf(OutsideLabException.class).hasMessageContaining("8.8.8.8").hasMessageContaining("flood target");
        assertThatThrownBy(() -> guard.check(NodeAddress.parse("10.0.0.1:6881"), "flood target"))
                .isInstanceOf(OutsideLabException.class);
        assertThatThrownBy(() -> guard.check(NodeAddress.parse("0.0.0.0:6881"), "bind address"))
                .isInstanceOf(OutsideLabException.class);
    }

    @Test
    void aRegisteredDockerSubnetIsPermittedButOnlyThatSubnet() {
        LabGuard docker = guard.allowing(Cidr.parse("172.18.0.0/16"));
        assertThat(docker.permits(NodeAddress.parse("172.18.0.5:6881"))).isTrue();
        assertThat(docker.permits(NodeAddress.parse("172.19.0.5:6881"))).isFalse();
        assertThat(docker.permits(NodeAddress.parse("127.0.0.1:6881"))).isTrue();
        assertThat(guard.permits(NodeAddress.parse("172.18.0.5:6881"))).as("the original guard is unchanged").isFalse();
    }

    @Test
    void publicOrOverlyBroadNetworksCannotBeRegistered() {
        assertThatThrownBy(() -> guard.allowing(Cidr.parse("8.8.8.0/24"))).isInstanceOf(OutsideLabException.class);
        assertThatThrownBy(() -> guard.allowing(Cidr.parse("0.0.0.0/0"))).isInstanceOf(OutsideLabException.class);
        assertThatThrownBy(() -> guard.allowing(Cidr.parse("172.0.0.0/8"))).isInstanceOf(OutsideLabException.class);
    }

    @Test
    void attacksRefuseTargetsOutsideTheLab() {
        SimLab lab = new SimLab(1);
        AttackContext ctx = lab.attackContext();
        FloodBounds bounds = FloodBounds.of(100, 1_000);
        assertThatThrownBy(() -> Flood.prepare(FloodPlan.of(NodeAddress.parse("8.8.8.8:6881"), QueryMix.uniform(), bounds), ctx))
                .isInstanceOf(OutsideLabException.class);
        assertThatThrownBy(() -> Flood.prepare(FloodPlan.of(NodeAddress.parse("10.0.0.1:6881"), QueryMix.uniform(), bounds), ctx))
                .isInstanceOf(OutsideLabException.class);
        Contact remote = new Contact(NodeId.random(new SplittableRandom(2)), NodeAddress.parse("8.8.8.8:6881"));
        assertThatThrownBy(() -> new EclipseAttack(EclipsePlan.of(remote, 10, 4), ctx)).isInstanceOf(OutsideLabException.class);
    }

    @Test
    void aGuardedTransportRefusesEverySendOutsideTheLab() {
        SimLab lab = new SimLab(1);
        AttackContext ctx = lab.attackContext();
        Transport t = ctx.open(NodeAddress.parse("127.201.0.1:6881"));
        assertThatThrownBy(() -> t.send(NodeAddress.parse("8.8.8.8:53"), new byte[] {1})).isInstanceOf(OutsideLabException.class);
        t.send(NodeAddress.parse("127.1.0.1:6881"), new byte[] {1});
        assertThat(lab.network.sentDatagrams()).isEqualTo(1);
        assertThatThrownBy(() -> ctx.open(NodeAddress.parse("192.168.1.10:6881"))).isInstanceOf(OutsideLabException.class);
    }
}
