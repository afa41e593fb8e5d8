package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** STS GetWebIdentityToken's {@code org_id} and {@code ou_path} claims for accounts in an organization. */
class OutboundWebIdentityOrgIT extends OrgTestSupport {
    private static final String NS = "https://sts.amazonaws.com/";

    private static JsonNode awsClaims(String account) throws Exception {
        client(IamClient.builder(), account).enableOutboundWebIdentityFederation(b -> { });
        String token = ((StsClient) client(StsClient.builder(), account))
                .getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256")).webIdentityToken();
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get(NS);
    }

    @Test
    void accountsOfAnOrganizationCarryItsIdAndTheirOuPath() throws Exception {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String orgId = orgs.describeOrganization().organization().id();
        String root = orgs.listRoots().roots().get(0).id();
        String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("apps")).organizationalUnit().id();
        String inner = orgs.createOrganizationalUnit(b -> b.parentId(ou).name("prod")).organizationalUnit().id();
        String member = createAccount(orgs, unique("app"));
        orgs.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId(inner));

        JsonNode m = awsClaims(member);
        org.junit.jupiter.api.Assertions.assertTrue(m.has("org_id"), m.toString());
        assertEquals(orgId, m.get("org_id").asText());
        assertEquals(orgId + "/" + root + "/" + ou + "/" + inner + "/", m.get("ou_path").asText());
        JsonNode management = awsClaims(mgmt);
        assertEquals(orgId, management.get("org_id").asText());
        assertEquals(orgId + "/" + root + "/", management.get("ou_path").asText());

        JsonNode alone = awsClaims(newAccountId());
        assertFalse(alone.has("org_id"), alone.toString());
        assertFalse(alone.has("ou_path"), alone.toString());
    }
}
