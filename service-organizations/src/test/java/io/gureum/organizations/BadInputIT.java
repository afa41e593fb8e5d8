package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;

/** The model's constraints answered as InvalidInputException with its Reason, and the global endpoint. */
class BadInputIT extends OrgTestSupport {

    @Test
    void constraintsAnswerInvalidInputWithTheirReason() {
        OrganizationsClient orgs = org(newOrganization());
        assertEquals("INVALID_PATTERN", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.describeAccount(b -> b.accountId("12345"))).reasonAsString());
        assertEquals("INPUT_REQUIRED", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.createOrganizationalUnit(b -> b.name("x"))).reasonAsString());
        assertEquals("INVALID_ENUM", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.listPolicies(b -> b.filter("NOT_A_TYPE"))).reasonAsString());
        assertEquals("MAX_VALUE_EXCEEDED", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.listAccounts(b -> b.maxResults(21))).reasonAsString());
        assertEquals("MAX_LENGTH_EXCEEDED", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.inviteAccountToOrganization(b -> b.target(t -> t.id("1".repeat(65)).type("ACCOUNT"))))
                .reasonAsString());
        assertEquals("INPUT_REQUIRED", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.tagResource(b -> b.resourceId("r-abcd").tags(t -> t.key("k")))).reasonAsString());
        assertEquals("INVALID_NEXT_TOKEN", assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.listAccounts(b -> b.nextToken("garbage"))).reasonAsString());
    }

    /** Organizations is global: a client configured for any region sees the same organization. */
    @Test
    void everyRegionSeesTheSameOrganization() {
        String mgmt = newOrganization();
        try (OrganizationsClient frankfurt = AwsClients.client(OrganizationsClient.builder(), aws.endpoint(), mgmt,
                "eu-central-1")) {
            assertEquals(org(mgmt).describeOrganization().organization(),
                    frankfurt.describeOrganization().organization());
        }
    }
}
