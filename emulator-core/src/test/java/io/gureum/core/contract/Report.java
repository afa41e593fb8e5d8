package io.gureum.core.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The per-service report of the contract run. */
final class Report {
    private Report() {
    }

    static String render(List<RoundTripContractTest.Spec> specs, Map<String, List<RoundTripContractTest.Result>> results,
            Map<String, String> protocols, Map<String, List<String>> errors) {
        StringBuilder b = new StringBuilder();
        b.append("Gureum codec round-trip contract (SDK v2 client -> server -> handler -> client)\n\n");
        b.append(String.format("%-10s %-10s %5s %8s %8s %7s%n", "service", "protocol", "ops", "equal", "allowed",
                "failed"));
        int[] total = new int[4];
        for (RoundTripContractTest.Spec s : specs) {
            List<RoundTripContractTest.Result> rs = results.getOrDefault(s.name(), List.of());
            int eq = count(rs, RoundTripContractTest.Outcome.EQUAL);
            int al = count(rs, RoundTripContractTest.Outcome.ALLOWED);
            int fa = count(rs, RoundTripContractTest.Outcome.FAILED);
            b.append(String.format("%-10s %-10s %5d %8d %8d %7d%n", s.name(), protocols.getOrDefault(s.name(), "?"),
                    rs.size(), eq, al, fa));
            total[0] += rs.size();
            total[1] += eq;
            total[2] += al;
            total[3] += fa;
        }
        b.append(String.format("%-10s %-10s %5d %8d %8d %7d%n%n", "total", "", total[0], total[1], total[2], total[3]));
        b.append("equal = equal both ways with no note; allowed = only differences the allow-list explains.\n");
        b.append("Generator constraints (values a real client would send; not differences):\n");
        b.append("  - requests: S3 ChecksumAlgorithm never CRC64NVME/XXHASH*/MD5 (the SDK needs the CRT library or refuses)\n");
        b.append("  - requests: S3 CopyObject/UploadPartCopy SourceBucket/SourceKey/SourceVersionId left unset (client-side"
                + " aliases of x-amz-copy-source); body members of bodiless REST operations left unset (never on the wire)\n");
        b.append("  - requests: streaming uploads carry ContentLength = the body's length\n");
        b.append("  - clients: S3 forcePathStyle, S3 Express session auth and host-prefix injection off (local endpoint)\n");
        b.append("  - no empty structures or collections, required members always set, header timestamps in whole seconds\n");
        b.append("Allow-list:\n");
        for (AllowList.Entry e : AllowList.ENTRIES) {
            b.append("  ").append(e.service()).append(' ').append(e.operation()).append(' ')
                    .append(e.direction()).append(' ').append(e.path()).append(": ").append(e.reason()).append('\n');
        }
        for (RoundTripContractTest.Spec s : specs) {
            List<RoundTripContractTest.Result> rs = new ArrayList<>(results.getOrDefault(s.name(), List.of()));
            rs.sort(Comparator.comparing(RoundTripContractTest.Result::operation));
            b.append("\n== ").append(s.name()).append('\n');
            for (RoundTripContractTest.Result r : rs) {
                if (r.outcome() == RoundTripContractTest.Outcome.EQUAL && r.notes().isEmpty()) {
                    continue;
                }
                b.append("  ").append(r.outcome()).append(' ').append(r.operation()).append('\n');
                for (String n : r.notes()) {
                    b.append("      ").append(n).append('\n');
                }
            }
            for (String e : errors.getOrDefault(s.name(), List.of())) {
                b.append("  error path: ").append(e).append('\n');
            }
        }
        return b.toString();
    }

    private static int count(List<RoundTripContractTest.Result> rs, RoundTripContractTest.Outcome o) {
        return (int) rs.stream().filter(r -> r.outcome() == o).count();
    }
}
