package io.gureum.core.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a topology from a JSON resource next to this class. */
final class TopologyLoader {

    private TopologyLoader() {}

    static Topology load(String resource) {
        try (InputStream in = TopologyLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing topology resource " + resource);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read topology resource " + resource, e);
        }
    }

    private static Topology parse(JsonNode root) {
        List<Partition> partitions = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        for (JsonNode p : root.path("partitions")) {
            Partition partition =
                    new Partition(p.path("id").asText(), p.path("dnsSuffix").asText(), p.path("regionRegex").asText());
            partitions.add(partition);
            for (JsonNode r : p.path("regions")) {
                String name = r.path("name").asText();
                List<AvailabilityZone> zones = new ArrayList<>();
                for (JsonNode z : r.path("zones")) {
                    zones.add(new AvailabilityZone(z.path("name").asText(), z.path("id").asText(), name));
                }
                regions.add(
                        new Region(name, r.path("description").asText(), partition, r.path("optInRequired").asBoolean(), zones));
            }
        }
        return new Topology(partitions, regions);
    }
}
