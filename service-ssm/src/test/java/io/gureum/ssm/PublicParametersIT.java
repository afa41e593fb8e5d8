package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The public parameters under /aws/service: global infrastructure and the latest AMIs, read-only. */
class PublicParametersIT extends SsmTestSupport {

    @Test
    void regionsAndTheirLongNames() {
        Parameter longName = ssm.getParameter(b -> b.name(
                "/aws/service/global-infrastructure/regions/eu-west-1/longName")).parameter();
        assertEquals("Europe (Ireland)", longName.value());
        assertEquals(ParameterType.STRING, longName.type());
        assertEquals("arn:aws:ssm:us-east-1::parameter/aws/service/global-infrastructure/regions/eu-west-1/longName",
                longName.arn());
        List<String> regions = ssm.getParametersByPathPaginator(b -> b.path("/aws/service/global-infrastructure/regions")).stream().flatMap(each -> each.parameters().stream()).map(Parameter::value).toList();
        assertTrue(regions.containsAll(List.of("us-east-1", "eu-west-1", "ap-northeast-2")), regions.toString());
        assertTrue(regions.stream().noneMatch(r -> r.startsWith("cn-")), "the caller's partition only");
        assertEquals("aws", ssm.getParameter(b -> b.name("/aws/service/global-infrastructure/regions/us-east-1/partition"))
                .parameter().value());
    }

    @Test
    void theServicesThisServerServes() {
        List<String> services = ssm.getParametersByPathPaginator(b -> b.path("/aws/service/global-infrastructure/services")).stream().flatMap(each -> each.parameters().stream()).map(Parameter::value).toList();
        assertEquals(List.of("ec2", "kms", "ssm"), services);
        assertEquals("AWS Systems Manager", ssm.getParameter(
                b -> b.name("/aws/service/global-infrastructure/services/ssm/longName")).parameter().value());
        assertEquals("ssm", ssm.getParameter(
                b -> b.name("/aws/service/global-infrastructure/regions/us-west-2/services/ssm")).parameter().value());
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.getParameter(b -> b.name("/aws/service/global-infrastructure/services/sqs")));
    }

    @Test
    void amiParametersNameTheNewestImageOfTheRegion() {
        String al2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
        Parameter p = ssm.getParameter(b -> b.name(al2023)).parameter();
        assertEquals(imageId("us-east-1", "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64"), p.value(),
                "the newest of two releases");
        try (var ec2 = io.gureum.core.testing.AwsClients.client(software.amazon.awssdk.services.ec2.Ec2Client.builder(),
                gureum.endpoint(), "test", "us-east-1")) {
            String created = ec2.describeImages(b -> b.imageIds(p.value())).images().get(0).creationDate();
            assertEquals(java.time.Instant.parse(created), p.lastModifiedDate(), "the parameter changed when the image appeared");
        }
        try (SsmClient frankfurt = io.gureum.core.testing.AwsClients.client(SsmClient.builder(), gureum.endpoint(), "test",
                "eu-central-1")) {
            assertEquals(imageId("eu-central-1", "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64"),
                    frankfurt.getParameter(b -> b.name(al2023)).parameter().value());
        }
        var byPath = ssm.getParametersByPath(b -> b.path("/aws/service/ami-amazon-linux-latest")).parameters();
        assertEquals(List.of("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-minimal-kernel-default-x86_64",
                "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2",
                "/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-arm64-gp2",
                "/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2"),
                byPath.stream().map(Parameter::name).sorted().toList());
        assertEquals(imageId("us-east-1", "debian-12-amd64-20241125-1942"),
                ssm.getParameters(b -> b.names("/aws/service/debian/release/12/latest/amd64")).parameters().get(0).value());
        assertEquals(imageId("us-east-1", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119"),
                ssm.getParameter(b -> b.name("/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id"))
                        .parameter().value());
    }

    @Test
    void publicParametersCannotBeWrittenOrDeleted() {
        String name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
        assertError(AccessDeniedException.class, "AccessDeniedException", 400,
                "No access to reserved parameter name: aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64.",
                () -> ssm.putParameter(b -> b.name(name).value("ami-0123456789abcdef0").type(ParameterType.STRING)
                        .overwrite(true)));
        assertError(AccessDeniedException.class, "AccessDeniedException", 400, null,
                () -> ssm.deleteParameter(b -> b.name(name)));
        assertEquals(List.of(name), ssm.deleteParameters(b -> b.names(name)).invalidParameters());
    }
}
