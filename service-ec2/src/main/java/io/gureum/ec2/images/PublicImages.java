package io.gureum.ec2.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The public AMIs every region offers: Amazon Linux 2023 and 2, Ubuntu, Debian, Windows Server (alone and with SQL
 * Server 2022 Standard, Enterprise and Web, license included) and the ECS-optimized image, under their real owners
 * and names. An image's ID is derived from its region and name, so the same name in the same region always has
 * the same {@code ami-} ID (on every server), and SSM's public parameters can resolve to it through DescribeImages.
 */
public final class PublicImages {
    static final String AMAZON = "137112412989";
    static final String CANONICAL = "099720109477";
    static final String DEBIAN = "136693071363";
    static final String WINDOWS = "801119661308";
    static final String ECS = "591542846629";

    private record Entry(String owner, String alias, String name, String arch, String platform, String description,
            String created, String rootDevice, int rootSize, String volumeType, String bootMode, String imds) {
    }

    private static final List<Entry> ENTRIES = List.of(
            al2023("2023.6.20241121.0", "x86_64", "", "2024-11-20T22:08:55.000Z"),
            al2023("2023.6.20241121.0", "arm64", "", "2024-11-20T22:08:57.000Z"),
            al2023("2023.6.20241121.0", "x86_64", "minimal-", "2024-11-20T22:08:52.000Z"),
            al2023("2023.6.20241031.0", "x86_64", "", "2024-10-31T20:01:01.000Z"),
            al2023("2023.6.20241031.0", "arm64", "", "2024-10-31T20:01:03.000Z"),
            new Entry(AMAZON, "amazon", "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2", "x86_64", null,
                    "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 x86_64 HVM gp2", "2024-11-12T19:10:44.000Z",
                    "/dev/xvda", 8, "gp2", null, null),
            new Entry(AMAZON, "amazon", "amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-arm64-gp2", "arm64", null,
                    "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 arm64 HVM gp2", "2024-11-12T19:10:47.000Z",
                    "/dev/xvda", 8, "gp2", null, null),
            new Entry(CANONICAL, null, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119", "x86_64",
                    null, "Canonical, Ubuntu, 24.04, amd64 noble image", "2024-11-19T07:40:36.000Z", "/dev/sda1", 8,
                    "gp3", null, null),
            new Entry(CANONICAL, null, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20241119", "arm64",
                    null, "Canonical, Ubuntu, 24.04, arm64 noble image", "2024-11-19T07:40:39.000Z", "/dev/sda1", 8,
                    "gp3", null, null),
            new Entry(CANONICAL, null, "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241119", "x86_64",
                    null, "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-11-19",
                    "2024-11-19T07:38:12.000Z", "/dev/sda1", 8, "gp2", null, null),
            new Entry(DEBIAN, null, "debian-12-amd64-20241125-1942", "x86_64", null, "Debian 12 (20241125-1942)",
                    "2024-11-25T20:22:10.000Z", "/dev/xvda", 8, "gp2", null, null),
            new Entry(DEBIAN, null, "debian-12-arm64-20241125-1942", "arm64", null, "Debian 12 (20241125-1942)",
                    "2024-11-25T20:22:14.000Z", "/dev/xvda", 8, "gp2", null, null),
            new Entry(WINDOWS, "amazon", "Windows_Server-2022-English-Full-Base-2024.11.13", "x86_64", "windows",
                    "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon",
                    "2024-11-13T20:12:22.000Z", "/dev/sda1", 30, "gp2", null, null),
            sql("Standard"), sql("Enterprise"), sql("Web"),
            new Entry(ECS, "amazon", "al2023-ami-ecs-hvm-2023.0.20241120-kernel-6.1-x86_64", "x86_64", null,
                    "Amazon Linux AMI 2023.0.20241120 x86_64 ECS HVM EBS", "2024-11-20T18:31:08.000Z", "/dev/xvda",
                    30, "gp3", "uefi-preferred", "v2.0"));

    /**
     * The billing fields of the Windows SQL Server license-included AMIs by edition
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/billing-info-fields.html).
     */
    private static final Map<String, String[]> SQL_BILLING = Map.of(
            "Standard", new String[] {"Windows with SQL Server Standard", "RunInstances:0006"},
            "Enterprise", new String[] {"Windows with SQL Server Enterprise", "RunInstances:0102"},
            "Web", new String[] {"Windows with SQL Server Web", "RunInstances:0202"});

    private PublicImages() {
    }

    /** Windows Server 2022 with SQL Server 2022 of an edition, license included. */
    private static Entry sql(String edition) {
        return new Entry(WINDOWS, "amazon", "Windows_Server-2022-English-Full-SQL_2022_" + edition + "-2024.11.13",
                "x86_64", "windows", "Microsoft Windows Server 2022 Full Locale English with SQL " + edition
                        + " 2022 AMI provided by Amazon", "2024-11-13T20:15:42.000Z", "/dev/sda1", 45, "gp2", null,
                null);
    }

    /** The edition of a SQL Server AMI's name, or null. */
    private static String sqlEdition(String name) {
        int at = name.indexOf("-SQL_2022_");
        return at < 0 ? null : name.substring(at + "-SQL_2022_".length(), name.lastIndexOf('-'));
    }

    private static Entry al2023(String release, String arch, String flavour, String created) {
        String name = "al2023-ami-" + flavour + release + "-kernel-6.1-" + arch;
        String description = "Amazon Linux 2023 AMI " + release + " " + arch + " HVM kernel-6.1";
        return new Entry(AMAZON, "amazon", name, arch, null, description, created, "/dev/xvda",
                flavour.isEmpty() ? 8 : 2, "gp3", "uefi-preferred", "v2.0");
    }

    /** The catalogue of {@code region}: fresh objects with the region's IDs. */
    public static List<Image> of(String region) {
        List<Image> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            Image i = new Image(id("ami", region + "/" + e.name), e.owner);
            i.name = e.name;
            i.description = e.description;
            i.ownerAlias = e.alias;
            i.architecture = e.arch;
            i.platform = e.platform;
            if ("windows".equals(e.platform)) {
                i.platformDetails = "Windows";
                i.usageOperation = "RunInstances:0002";
                String edition = sqlEdition(e.name);
                if (edition != null) {
                    i.platformDetails = SQL_BILLING.get(edition)[0];
                    i.usageOperation = SQL_BILLING.get(edition)[1];
                }
            }
            i.creationDate = Instant.parse(e.created);
            i.rootDeviceName = e.rootDevice;
            i.bootMode = e.bootMode;
            i.imdsSupport = e.imds;
            i.isPublic = true;
            i.blockDeviceMappings.add(new Image.Mapping(e.rootDevice, id("snap", region + "/" + e.name), e.rootSize,
                    e.volumeType, true, false, e.volumeType.equals("gp3") ? 3000 : null,
                    e.volumeType.equals("gp3") ? 125 : null, null, null));
            out.add(i);
        }
        return out;
    }

    /** {@code prefix-} and 17 hex digits of the SHA-256 of {@code key}: stable across servers. */
    static String id(String prefix, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + "-0" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
