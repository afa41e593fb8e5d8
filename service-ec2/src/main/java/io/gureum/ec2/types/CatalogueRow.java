package io.gureum.ec2.types;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code instance-types.tsv}: the facts the source publishes for one instance type. Empty
 * columns are facts the source does not have (0 or null here).
 */
record CatalogueRow(String type, int vcpus, long memoryMib, String architecture, String cpuMaker, int clockMhz,
        String hypervisor, boolean bareMetal, Integer ebsMbps, Integer networkMbps, String networkWords, int enis,
        int ipv4PerEni, List<int[]> cards, int defaultCard, Integer nvmeGb, String gpuName, String gpuMaker,
        Integer gpuCount, Integer gpuMemoryMib, Integer efa, boolean encryptionInTransit) {

    /** The family: what comes before the dot ({@code c7g} of {@code c7g.medium}). */
    String family() {
        return type.substring(0, type.indexOf('.'));
    }

    String size() {
        return type.substring(type.indexOf('.') + 1);
    }

    static CatalogueRow parse(String line) {
        String[] c = line.split("\t", -1);
        List<int[]> cards = new ArrayList<>();
        if (!c[13].isEmpty()) {
            for (String card : c[13].split(";")) {
                String[] kv = card.split(":");
                cards.add(new int[] {Integer.parseInt(kv[0]), Integer.parseInt(kv[1])});
            }
        }
        return new CatalogueRow(c[0], Integer.parseInt(c[1]), Long.parseLong(c[2]), c[3], c[4], Integer.parseInt(c[5]),
                c[6].isEmpty() ? null : c[6], c[7].equals("1"), number(c[8]), number(c[9]), c[10].isEmpty() ? null : c[10],
                Integer.parseInt(c[11]), Integer.parseInt(c[12]), List.copyOf(cards), Integer.parseInt(c[14]),
                number(c[15]), c[16].isEmpty() ? null : c[16], c[17].isEmpty() ? null : c[17], number(c[18]),
                number(c[19]), number(c[20]), c[21].equals("1"));
    }

    private static Integer number(String s) {
        return s.isEmpty() ? null : Integer.valueOf(s);
    }
}
