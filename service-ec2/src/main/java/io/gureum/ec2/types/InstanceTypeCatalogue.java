package io.gureum.ec2.types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * Every EC2 instance type, in name order, as DescribeInstanceTypes describes it. Immutable: read once
 * per JVM from the generated resource; it is reference data, not state.
 */
public final class InstanceTypeCatalogue {
    private static final String RESOURCE = "/io/gureum/ec2/instance-types.tsv";

    private final Map<String, CatalogueRow> rows;
    private final Map<String, InstanceTypeInfo> infos;

    private InstanceTypeCatalogue(List<CatalogueRow> list) {
        Map<String, CatalogueRow> byName = new LinkedHashMap<>();
        Map<String, InstanceTypeInfo> info = new LinkedHashMap<>();
        for (CatalogueRow row : list) {
            byName.put(row.type(), row);
            info.put(row.type(), InstanceTypeInfos.of(row));
        }
        this.rows = Collections.unmodifiableMap(byName);
        this.infos = Collections.unmodifiableMap(info);
    }

    private static final class Holder {
        static final InstanceTypeCatalogue INSTANCE = load();
    }

    /** The catalogue shipped with this module. */
    public static InstanceTypeCatalogue standard() {
        return Holder.INSTANCE;
    }

    private static InstanceTypeCatalogue load() {
        try (InputStream in = InstanceTypeCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<CatalogueRow> list = new ArrayList<>();
            boolean header = true;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                list.add(CatalogueRow.parse(line));
            }
            return new InstanceTypeCatalogue(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String type) {
        return infos.containsKey(type);
    }

    /** The SDK description of {@code type}, or null when EC2 has no such instance type. */
    public InstanceTypeInfo info(String type) {
        return infos.get(type);
    }

    /** Every instance type's description, in name order. */
    public List<InstanceTypeInfo> all() {
        return List.copyOf(infos.values());
    }

    CatalogueRow row(String type) {
        return rows.get(type);
    }

    /** Every instance type's name, in name order. */
    public List<String> names() {
        return List.copyOf(infos.keySet());
    }
}
