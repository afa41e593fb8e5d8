package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribePublisherResponse;

/** RegisterPublisher and DescribePublisher: one publisher per account, for all Regions. */
class PublishersIT extends CloudFormationTestSupport {

    @Test
    void anAccountRegistersOnceAfterAcceptingTheTermsAndDescribesItsPublisher() {
        fails(400, "CFNRegistryException", () -> cfn.describePublisher(b -> { }));
        fails(400, "CFNRegistryException", () -> cfn.registerPublisher(b -> { }));
        fails(400, "CFNRegistryException", () -> cfn.registerPublisher(b -> b.acceptTermsAndConditions(false)));
        fails(501, "NotImplemented", () -> cfn.registerPublisher(b -> b.acceptTermsAndConditions(true)
                .connectionArn("arn:aws:codestar-connections:us-east-1:000000000000:connection/abc")));
        fails(400, "CFNRegistryException", () -> cfn.describePublisher(b -> b.publisherId("0123456789abcdef")));

        String id = cfn.registerPublisher(b -> b.acceptTermsAndConditions(true)).publisherId();
        assertTrue(id.matches("[0-9a-f]{40}"), id);
        assertEquals(id, cfn.registerPublisher(b -> b.acceptTermsAndConditions(true)).publisherId());
        DescribePublisherResponse mine = cfn.describePublisher(b -> { });
        assertEquals(id, mine.publisherId());
        assertEquals("VERIFIED", mine.publisherStatusAsString());
        assertEquals("AWS_Marketplace", mine.identityProviderAsString());
        assertEquals(id, cfn.describePublisher(b -> b.publisherId(id)).publisherId());

        // The same publisher in every Region of the account.
        try (CloudFormationClient other = AwsClients.client(CloudFormationClient.builder(),
                gureum.endpoint(), "test", "eu-west-1")) {
            assertEquals(id, other.describePublisher(b -> { }).publisherId());
        }
    }
}
