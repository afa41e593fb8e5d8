package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InternalServerErrorException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** A server serving SSM alone (--services ssm): what needs KMS or EC2 says so, the rest works. */
class WithoutKmsAndEc2IT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new SsmService()).build();

    @Test
    void secureStringsNeedKmsAndPublicAmisNeedEc2() {
        try (SsmClient ssm = AwsClients.client(SsmClient.builder(), aws.gureum())) {
            String name = "/alone/plain";
            ssm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING));
            assertEquals("v", ssm.getParameter(b -> b.name(name)).parameter().value());

            InternalServerErrorException e = assertThrows(InternalServerErrorException.class,
                    () -> ssm.putParameter(b -> b.name("/alone/secret").value("s").type(ParameterType.SECURE_STRING)));
            assertEquals(500, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("KMS"), e.awsErrorDetails().errorMessage());
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/alone/secret")));

            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(
                    b -> b.name("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")));
            List<String> services = ssm.getParametersByPath(b -> b.path("/aws/service/global-infrastructure/services"))
                    .parameters().stream().map(Parameter::value).toList();
            assertEquals(List.of("ssm"), services);
        }
    }
}
