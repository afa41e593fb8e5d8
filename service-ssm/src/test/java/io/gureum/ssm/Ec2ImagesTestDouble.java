package io.gureum.ssm;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * TEST ONLY: a stand-in for the EC2 AMI catalogue (built on another branch), registered as the {@code ec2}
 * API and binding DescribeImages alone, over a few of the public images of /work/notes/ami-names.md with
 * ids derived from region and name. The integrator replaces it with the real catalogue.
 */
final class Ec2ImagesTestDouble {
    private record Entry(String owner, String name, String created) {
    }

    private static final List<Entry> CATALOGUE = List.of(
            new Entry("137112412989", "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64", "2024-11-21T00:00:00.000Z"),
            new Entry("137112412989", "al2023-ami-2023.6.20241031.0-kernel-6.1-x86_64", "2024-10-31T00:00:00.000Z"),
            new Entry("137112412989", "al2023-ami-2023.6.20241121.0-kernel-6.1-arm64", "2024-11-21T00:00:00.000Z"),
            new Entry("099720109477", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119",
                    "2024-11-19T00:00:00.000Z"),
            new Entry("136693071363", "debian-12-amd64-20241125-1942", "2024-11-25T19:42:00.000Z"));

    /** The provider: DescribeImages by ImageIds, Owners and the name and state filters. */
    static final class Provider {
        public DescribeImagesResponse describeImages(DescribeImagesRequest r) {
            String region = RequestContext.current().region();
            List<Image> images = CATALOGUE.stream().map(e -> Image.builder().imageId(id(region, e.name())).name(e.name())
                    .ownerId(e.owner()).creationDate(e.created()).state("available").publicLaunchPermissions(true).build()).toList();
            if (r.hasImageIds() && !r.imageIds().isEmpty()) {
                List<Image> found = images.stream().filter(i -> r.imageIds().contains(i.imageId())).toList();
                if (found.size() != r.imageIds().size()) {
                    throw new AwsException("InvalidAMIID.NotFound",
                            "The image id '" + r.imageIds() + "' does not exist", 400);
                }
                return DescribeImagesResponse.builder().images(found).build();
            }
            return DescribeImagesResponse.builder().images(images.stream()
                    .filter(i -> !r.hasOwners() || r.owners().contains(i.ownerId()))
                    .filter(i -> r.filters().stream().allMatch(f -> matches(f, i))).toList()).build();
        }

        private static boolean matches(Filter f, Image i) {
            String actual = switch (f.name()) {
                case "name" -> i.name();
                case "state" -> i.stateAsString();
                default -> throw new AwsException("InvalidParameterValue", "The filter '" + f.name() + "' is invalid", 400);
            };
            return f.values().stream().anyMatch(v -> Pattern.matches(Pattern.quote(v).replace("*", "\\E.*\\Q"), actual));
        }
    }

    private Ec2ImagesTestDouble() {
    }

    /** The id the double gives {@code name} in {@code region}: 17 hex digits of a hash of both. */
    static String id(String region, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((region + "/" + name).getBytes(StandardCharsets.UTF_8));
            return "ami-" + HexFormat.of().formatHex(hash).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static AwsService registration() {
        return new AwsService() {
            @Override
            public String name() {
                return "ec2";
            }

            @Override
            public String clientInterface() {
                return Ec2Client.class.getName();
            }

            @Override
            public String xmlNamespace() {
                return "http://ec2.amazonaws.com/doc/2016-11-15/";
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(Provider.class);
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                return ServiceInstance.of(new Provider());
            }
        };
    }
}
