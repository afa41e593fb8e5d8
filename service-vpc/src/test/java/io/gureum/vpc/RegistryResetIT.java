package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static io.gureum.vpc.VpcsIT.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** A reset of "ec2" empties the registry's EC2 records; the fresh store registers a fresh default network. */
class RegistryResetIT extends Ec2TestBase {
    private static final String REGION = "ap-northeast-2";

    private static int reset(String service) throws Exception {
        URI uri = gureum.endpoint().resolve("/_gureum/reset?service=" + service);
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void afterAResetTheDefaultNetworkIsRegisteredAgain() throws Exception {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String oldDefault = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")
                    .tagSpecifications(name(ResourceType.VPC, "gone"))).vpc().vpcId();

            assertEquals(200, reset("ec2"));
            assertTrue(gureum.context().registry().list(account, REGION).isEmpty());

            List<String> vpcs = ec2.describeVpcs().vpcs().stream().map(v -> v.vpcId()).toList();
            assertEquals(1, vpcs.size());
            assertNotEquals(oldDefault, vpcs.get(0));
            assertTrue(gureum.context().registry()
                    .byArn(Arn.of("ec2", REGION, account, "vpc/" + vpcs.get(0))).isPresent());
            assertTrue(gureum.context().registry().list(account, REGION).stream().map(RegisteredResource::id)
                    .noneMatch(vpc::equals));
            fails("InvalidVpcID.NotFound", () -> ec2.createTags(b -> b.resources(vpc).tags(t -> t.key("a").value("b"))));
        }
    }
}
