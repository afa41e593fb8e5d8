package io.gureum.ssm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public AMI parameters Gureum answers (parameter-store-public-parameters-ami.html and the
 * distributions' own pages): each names the newest image of an owner whose name matches a pattern, as
 * those publishers' parameters point at their latest release.
 */
final class PublicAmis {
    /** Which images a parameter resolves to: EC2 DescribeImages with this owner and name filter. */
    record Source(String owner, String namePattern) {
    }

    private static final String AMAZON = "137112412989";
    private static final String CANONICAL = "099720109477";
    private static final String DEBIAN = "136693071363";
    private static final String WINDOWS = "801119661308";
    private static final String ECS = "591542846629";

    static final Map<String, Source> ALL = catalogue();

    private PublicAmis() {
    }

    private static Map<String, Source> catalogue() {
        Map<String, Source> m = new LinkedHashMap<>();
        String al = "/aws/service/ami-amazon-linux-latest/";
        m.put(al + "al2023-ami-kernel-default-x86_64", new Source(AMAZON, "al2023-ami-2023.*-kernel-6.1-x86_64"));
        m.put(al + "al2023-ami-kernel-default-arm64", new Source(AMAZON, "al2023-ami-2023.*-kernel-6.1-arm64"));
        m.put(al + "al2023-ami-kernel-6.1-x86_64", new Source(AMAZON, "al2023-ami-2023.*-kernel-6.1-x86_64"));
        m.put(al + "al2023-ami-kernel-6.1-arm64", new Source(AMAZON, "al2023-ami-2023.*-kernel-6.1-arm64"));
        m.put(al + "al2023-ami-minimal-kernel-default-x86_64",
                new Source(AMAZON, "al2023-ami-minimal-2023.*-kernel-6.1-x86_64"));
        m.put(al + "amzn2-ami-kernel-5.10-hvm-x86_64-gp2", new Source(AMAZON, "amzn2-ami-kernel-5.10-hvm-2.0.*-x86_64-gp2"));
        m.put(al + "amzn2-ami-kernel-5.10-hvm-arm64-gp2", new Source(AMAZON, "amzn2-ami-kernel-5.10-hvm-2.0.*-arm64-gp2"));
        // AWS's amzn2-ami-hvm-* parameters name the kernel 4.14 images; Gureum's catalogue has the 5.10 ones.
        m.put(al + "amzn2-ami-hvm-x86_64-gp2", new Source(AMAZON, "amzn2-ami-*hvm-2.0.*-x86_64-gp2"));
        String ubuntu = "/aws/service/canonical/ubuntu/server/";
        m.put(ubuntu + "24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
                new Source(CANONICAL, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"));
        m.put(ubuntu + "24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
                new Source(CANONICAL, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*"));
        m.put(ubuntu + "22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
                new Source(CANONICAL, "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"));
        m.put("/aws/service/debian/release/12/latest/amd64", new Source(DEBIAN, "debian-12-amd64-*"));
        m.put("/aws/service/debian/release/12/latest/arm64", new Source(DEBIAN, "debian-12-arm64-*"));
        m.put("/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
                new Source(WINDOWS, "Windows_Server-2022-English-Full-Base-*"));
        m.put("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
                new Source(ECS, "al2023-ami-ecs-hvm-2023.0.*-kernel-6.1-x86_64"));
        return Map.copyOf(m);
    }
}
