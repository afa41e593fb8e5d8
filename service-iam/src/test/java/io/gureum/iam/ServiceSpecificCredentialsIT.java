package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredential;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/** CreateServiceSpecificCredential and the operations on the credentials it makes. */
class ServiceSpecificCredentialsIT extends IamTestSupport {

    @Test
    void passwordCredentialLifecycle() {
        String user = unique("ssc");
        iam.createUser(b -> b.userName(user));
        ServiceSpecificCredential c = iam.createServiceSpecificCredential(b -> b.userName(user)
                .serviceName("codecommit.amazonaws.com")).serviceSpecificCredential();
        assertEquals(user, c.userName());
        assertEquals("codecommit.amazonaws.com", c.serviceName());
        assertEquals(user + "-at-000000000000", c.serviceUserName());
        assertEquals(44, c.servicePassword().length());
        assertTrue(c.serviceSpecificCredentialId().matches("ACCA[A-Z0-9]{17}"), c.serviceSpecificCredentialId());
        assertEquals(StatusType.ACTIVE, c.status());
        assertNull(c.serviceCredentialSecret());
        assertNull(c.expirationDate());

        List<ServiceSpecificCredentialMetadata> listed = iam.listServiceSpecificCredentials(b -> b.userName(user))
                .serviceSpecificCredentials();
        assertEquals(1, listed.size());
        assertEquals(c.serviceSpecificCredentialId(), listed.get(0).serviceSpecificCredentialId());
        assertEquals(c.serviceUserName(), listed.get(0).serviceUserName());
        assertEquals(c.createDate(), listed.get(0).createDate());

        iam.updateServiceSpecificCredential(b -> b.userName(user)
                .serviceSpecificCredentialId(c.serviceSpecificCredentialId()).status(StatusType.INACTIVE));
        assertEquals(StatusType.INACTIVE, iam.listServiceSpecificCredentials(b -> b.userName(user))
                .serviceSpecificCredentials().get(0).status());

        ServiceSpecificCredential reset = iam.resetServiceSpecificCredential(b -> b.userName(user)
                .serviceSpecificCredentialId(c.serviceSpecificCredentialId())).serviceSpecificCredential();
        assertEquals(c.serviceSpecificCredentialId(), reset.serviceSpecificCredentialId());
        assertNotEquals(c.servicePassword(), reset.servicePassword());
        assertEquals(44, reset.servicePassword().length());
        assertEquals(StatusType.INACTIVE, reset.status());

        fails(AwsServiceException.class, "DeleteConflict", 409,
                "Cannot delete entity, must delete service specific credentials first.",
                () -> iam.deleteUser(b -> b.userName(user)));
        iam.deleteServiceSpecificCredential(b -> b.userName(user)
                .serviceSpecificCredentialId(c.serviceSpecificCredentialId()));
        assertEquals(List.of(), iam.listServiceSpecificCredentials(b -> b.userName(user))
                .serviceSpecificCredentials());
        iam.deleteUser(b -> b.userName(user));
    }

    @Test
    void twoPerServicePerUser() {
        String user = unique("ssc");
        iam.createUser(b -> b.userName(user));
        iam.createServiceSpecificCredential(b -> b.userName(user).serviceName("codecommit.amazonaws.com"));
        iam.createServiceSpecificCredential(b -> b.userName(user).serviceName("codecommit.amazonaws.com"));
        fails(AwsServiceException.class, "LimitExceeded", 409,
                "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2",
                () -> iam.createServiceSpecificCredential(b -> b.userName(user)
                        .serviceName("codecommit.amazonaws.com")));
        // Another service has its own two.
        iam.createServiceSpecificCredential(b -> b.userName(user).serviceName("cassandra.amazonaws.com"));
        assertEquals(3, iam.listServiceSpecificCredentials(b -> b.userName(user)).serviceSpecificCredentials().size());
        List<ServiceSpecificCredentialMetadata> keyspaces = iam.listServiceSpecificCredentials(b -> b.userName(user)
                .serviceName("cassandra.amazonaws.com")).serviceSpecificCredentials();
        assertEquals(1, keyspaces.size());
        assertEquals("cassandra.amazonaws.com", keyspaces.get(0).serviceName());
    }

    @Test
    void bedrockApiKeyExpiresOnTheClock() {
        String user = unique("ssc");
        iam.createUser(b -> b.userName(user));
        ServiceSpecificCredential c = iam.createServiceSpecificCredential(b -> b.userName(user)
                .serviceName("bedrock.amazonaws.com").credentialAgeDays(1)).serviceSpecificCredential();
        assertNull(c.servicePassword());
        assertNull(c.serviceUserName());
        assertTrue(c.serviceCredentialAlias().startsWith(user) && c.serviceCredentialAlias().endsWith("-at-000000000000"),
                c.serviceCredentialAlias());
        assertFalse(c.serviceCredentialSecret().isEmpty());
        assertEquals(c.createDate().plus(Duration.ofDays(1)), c.expirationDate());
        gureum.context().clock().advance(Duration.ofDays(1));
        ServiceSpecificCredentialMetadata listed = iam.listServiceSpecificCredentials(b -> b.userName(user))
                .serviceSpecificCredentials().get(0);
        assertEquals(StatusType.EXPIRED, listed.status());
        assertEquals(c.serviceCredentialAlias(), listed.serviceCredentialAlias());
        // CredentialAgeDays is for API keys only.
        fails(AwsServiceException.class, "InvalidInput", 400, null,
                () -> iam.createServiceSpecificCredential(b -> b.userName(user)
                        .serviceName("codecommit.amazonaws.com").credentialAgeDays(5)));
    }

    @Test
    void allUsersOfOneService() {
        String a = unique("ssca");
        String b2 = unique("sscb");
        iam.createUser(b -> b.userName(a));
        iam.createUser(b -> b.userName(b2));
        iam.createServiceSpecificCredential(b -> b.userName(a).serviceName("logs.amazonaws.com"));
        iam.createServiceSpecificCredential(b -> b.userName(b2).serviceName("logs.amazonaws.com"));
        List<String> users = iam.listServiceSpecificCredentials(b -> b.allUsers(true).serviceName("logs.amazonaws.com"))
                .serviceSpecificCredentials().stream().map(ServiceSpecificCredentialMetadata::userName).toList();
        assertTrue(users.containsAll(List.of(a, b2)), users.toString());
        fails(AwsServiceException.class, "InvalidInput", 400, null,
                () -> iam.listServiceSpecificCredentials(b -> b.allUsers(true).userName(a)));
    }

    @Test
    void errors() {
        String user = unique("ssc");
        iam.createUser(b -> b.userName(user));
        fails(AwsServiceException.class, "NotSupportedService", 404,
                "No such service s3.amazonaws.com is supported for Service-Specific Credentials",
                () -> iam.createServiceSpecificCredential(b -> b.userName(user).serviceName("s3.amazonaws.com")));
        fails(AwsServiceException.class, "NoSuchEntity", 404, "The user with name nobody cannot be found.",
                () -> iam.createServiceSpecificCredential(b -> b.userName("nobody")
                        .serviceName("codecommit.amazonaws.com")));
        fails(AwsServiceException.class, "NoSuchEntity", 404, "No such credential ACCAAAAAAAAAAAAAAAAAA exists",
                () -> iam.deleteServiceSpecificCredential(b -> b.userName(user)
                        .serviceSpecificCredentialId("ACCAAAAAAAAAAAAAAAAAA")));
        fails(AwsServiceException.class, "NoSuchEntity", 404, null,
                () -> iam.resetServiceSpecificCredential(b -> b.userName(user)
                        .serviceSpecificCredentialId("ACCAAAAAAAAAAAAAAAAAA")));
        fails(AwsServiceException.class, "NoSuchEntity", 404, null,
                () -> iam.updateServiceSpecificCredential(b -> b.userName(user)
                        .serviceSpecificCredentialId("ACCAAAAAAAAAAAAAAAAAA").status(StatusType.ACTIVE)));
        // Root credentials must name a user.
        fails(AwsServiceException.class, "ValidationError", 400,
                "Must specify userName when calling with non-User credentials",
                () -> iam.deleteServiceSpecificCredential(b -> b.serviceSpecificCredentialId("ACCAAAAAAAAAAAAAAAAAA")));
    }
}
