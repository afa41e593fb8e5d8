package io.gureum.core.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AvailabilityZoneStatesTest {

    private final AvailabilityZoneStates states = new AvailabilityZoneStates(Topology.standard());

    @Test
    void everyZoneStartsAvailable() {
        assertEquals(ZoneState.AVAILABLE, states.state("ap-northeast-2a"));
        assertTrue(states.isAvailable("us-east-1f"));
    }

    @Test
    void impairOneZoneOnly() {
        states.set("ap-northeast-2a", ZoneState.IMPAIRED);
        assertEquals(ZoneState.IMPAIRED, states.state("ap-northeast-2a"));
        assertEquals("impaired", states.state("ap-northeast-2a").wireValue());
        assertTrue(states.isAvailable("ap-northeast-2b"));
        states.set("ap-northeast-2a", ZoneState.AVAILABLE);
        assertTrue(states.isAvailable("ap-northeast-2a"));
    }

    @Test
    void resetRestoresEveryZone() {
        states.set("us-east-1a", ZoneState.UNAVAILABLE);
        states.set("eu-west-1b", ZoneState.IMPAIRED);
        states.reset();
        assertTrue(states.isAvailable("us-east-1a"));
        assertTrue(states.isAvailable("eu-west-1b"));
    }

    @Test
    void unknownZonesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> states.set("ap-northeast-2z", ZoneState.IMPAIRED));
        assertThrows(IllegalArgumentException.class, () -> states.state("ap-northeast-1b"));
    }
}
