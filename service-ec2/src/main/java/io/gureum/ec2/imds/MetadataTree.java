package io.gureum.ec2.imds;

import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.instances.Instance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * The {@code meta-data/} tree of one instance (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-categories.html):
 * directories list their entries one a line (subdirectories with a trailing {@code /}); leaves are text,
 * JSON, or computed when read (credentials).
 */
final class MetadataTree {
    private final Map<String, Object> root = new LinkedHashMap<>();

    private MetadataTree() {
    }

    static MetadataTree build(InstanceMetadataService imds, ComputeStore s, Instance i) {
        MetadataTree t = new MetadataTree();
        Map<String, Object> r = t.root;
        NetworkInterface eni = imds.primary(s, i);
        String publicIp = eni != null && eni.association() != null ? eni.association().publicIp() : null;
        String region = s.region;
        String localHost = hostname(region, i.privateIp);
        r.put("ami-id", i.imageId);
        r.put("ami-launch-index", String.valueOf(i.launchIndex));
        r.put("ami-manifest-path", "(unknown)");
        Map<String, Object> bdm = new LinkedHashMap<>();
        bdm.put("ami", i.rootDeviceName);
        bdm.put("root", i.rootDeviceName);
        r.put("block-device-mapping", bdm);
        r.put("hostname", localHost);
        if (i.iamProfileArn != null) {
            Map<String, Object> iam = new LinkedHashMap<>();
            var info = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            info.put("Code", "Success");
            info.put("LastUpdated", InstanceMetadataService.time(i.launchTime));
            info.put("InstanceProfileArn", i.iamProfileArn);
            info.put("InstanceProfileId", i.iamProfileId);
            iam.put("info", info);
            Map<String, Object> creds = new LinkedHashMap<>();
            if (i.iamRoleName != null) {
                creds.put(i.iamRoleName, (Supplier<Object>) () -> imds.credentials(s, i));
            }
            iam.put("security-credentials", creds);
            r.put("iam", iam);
        }
        r.put("instance-action", "none");
        r.put("instance-id", i.id);
        r.put("instance-life-cycle", "on-demand");
        r.put("instance-type", i.instanceType);
        r.put("local-hostname", localHost);
        r.put("local-ipv4", i.privateIp);
        if (eni != null) {
            r.put("mac", eni.macAddress());
            String[] cidrs = imds.cidrs(s, eni);
            Map<String, Object> mac = new LinkedHashMap<>();
            mac.put("device-number", "0");
            mac.put("interface-id", eni.networkInterfaceId());
            mac.put("local-hostname", localHost);
            mac.put("local-ipv4s", eni.privateIpAddress());
            mac.put("mac", eni.macAddress());
            mac.put("owner-id", s.account);
            if (publicIp != null) {
                mac.put("public-hostname", publicHostname(region, publicIp));
                mac.put("public-ipv4s", publicIp);
            }
            mac.put("security-group-ids", String.join("\n", eni.groups().stream().map(g -> g.groupId()).toList()));
            mac.put("security-groups", String.join("\n", eni.groups().stream().map(g -> g.groupName()).toList()));
            mac.put("subnet-id", eni.subnetId());
            mac.put("subnet-ipv4-cidr-block", cidrs[0]);
            mac.put("vpc-id", eni.vpcId());
            mac.put("vpc-ipv4-cidr-block", cidrs[1]);
            mac.put("vpc-ipv4-cidr-blocks", cidrs[1]);
            if (eni.hasIpv6Addresses() && !eni.ipv6Addresses().isEmpty()) {
                mac.put("ipv6s", String.join("\n", eni.ipv6Addresses().stream().map(a -> a.ipv6Address()).toList()));
            }
            Map<String, Object> macs = new LinkedHashMap<>();
            macs.put(eni.macAddress(), mac);
            Map<String, Object> interfaces = new LinkedHashMap<>();
            interfaces.put("macs", macs);
            Map<String, Object> network = new LinkedHashMap<>();
            network.put("interfaces", interfaces);
            r.put("network", network);
            Map<String, Object> placement = new LinkedHashMap<>();
            placement.put("availability-zone", i.availabilityZone);
            placement.put("availability-zone-id", cidrs[2]);
            placement.put("region", region);
            r.put("placement", placement);
            r.put("security-groups", String.join("\n", eni.groups().stream().map(g -> g.groupName()).toList()));
        }
        r.put("profile", "default-hvm");
        if (publicIp != null) {
            r.put("public-hostname", publicHostname(region, publicIp));
            r.put("public-ipv4", publicIp);
        }
        if (i.keyName != null) {
            Map<String, Object> keys = new LinkedHashMap<>();
            Map<String, Object> zero = new LinkedHashMap<>();
            zero.put("openssh-key", (Supplier<Object>) () -> imds.publicKey(s, i));
            keys.put("0=" + i.keyName, zero);
            r.put("public-keys", keys);
        }
        r.put("reservation-id", i.reservationId);
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("domain", "amazonaws.com");
        services.put("partition", "aws");
        r.put("services", services);
        if (i.instanceMetadataTags.equals("enabled")) {
            Map<String, Object> instanceTags = new LinkedHashMap<>(imds.tags(i));
            Map<String, Object> tags = new LinkedHashMap<>();
            tags.put("instance", instanceTags);
            r.put("tags", tags);
        }
        return t;
    }

    private static String hostname(String region, String ip) {
        String host = "ip-" + ip.replace('.', '-');
        return region.equals("us-east-1") ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    private static String publicHostname(String region, String ip) {
        String host = "ec2-" + ip.replace('.', '-');
        return region.equals("us-east-1") ? host + ".compute-1.amazonaws.com"
                : host + "." + region + ".compute.amazonaws.com";
    }

    /** The value at {@code path} ({@code a/b/c}; {@code ""} or a trailing slash lists a directory), or null. */
    @SuppressWarnings("unchecked")
    Object lookup(String path) {
        Object node = root;
        String[] parts = path.isEmpty() ? new String[0] : path.split("/");
        for (String part : parts) {
            if (!(node instanceof Map<?, ?> dir)) {
                return null;
            }
            Object next = dir.get(part);
            if (next == null && part.matches("\\d+")) {
                // public-keys/0/ is listed as 0=<name>.
                for (Map.Entry<?, ?> e : dir.entrySet()) {
                    if (e.getKey().toString().startsWith(part + "=")) {
                        next = e.getValue();
                    }
                }
            }
            node = next;
            if (node instanceof Supplier<?> supplier) {
                node = supplier.get();
            }
            if (node == null) {
                return null;
            }
        }
        if (node instanceof Map<?, ?> dir) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> e : ((Map<String, Object>) dir).entrySet()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                boolean isDir = e.getValue() instanceof Map<?, ?>;
                String name = e.getKey().toString();
                sb.append(isDir && !name.contains("=") ? name + "/" : name);
            }
            return sb.toString();
        }
        return node;
    }
}
