package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class UsersAndKeysIT extends IamTestSupport {

    @Test
    void usersHaveAwsIdsAndArnsAndAreListedByPath() {
        String name = unique("alice");
        User u = iam.createUser(b -> b.userName(name).path("/staff/").tags(Tag.builder().key("k").value("v").build()))
                .user();
        assertTrue(u.userId().matches("AIDA[A-Z0-9]{17}"), u.userId());
        assertEquals("arn:aws:iam::000000000000:user/staff/" + name, u.arn());
        assertEquals(u.userId(), iam.getUser(b -> b.userName(name)).user().userId());
        assertEquals(List.of(Tag.builder().key("k").value("v").build()), iam.listUserTags(b -> b.userName(name)).tags());
        assertEquals(List.of(name), iam.listUsers(b -> b.pathPrefix("/staff/")).users().stream()
                .filter(x -> x.userName().equals(name)).map(User::userName).toList());
        assertTrue(iam.listUsers(b -> b.pathPrefix("/nobody-here/")).users().isEmpty());
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409, "User with name " + name + " already exists.",
                () -> iam.createUser(b -> b.userName(name)));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The user with name ghost cannot be found.",
                () -> iam.getUser(b -> b.userName("ghost")));
    }

    @Test
    void getUserWithoutANameIsTheRootUserForKeysIamDidNotIssue() {
        User root = iam.getUser().user();
        assertEquals("arn:aws:iam::000000000000:root", root.arn());
        assertEquals("000000000000", root.userId());
    }

    @Test
    void accessKeysAtMostTwoPerUserAndDeleteUserWaitsForThem() {
        String name = unique("keys");
        iam.createUser(b -> b.userName(name));
        AccessKey k1 = iam.createAccessKey(b -> b.userName(name)).accessKey();
        assertTrue(k1.accessKeyId().matches("AKIA[A-Z2-7]{16}"), k1.accessKeyId());
        assertEquals(40, k1.secretAccessKey().length());
        assertEquals(StatusType.ACTIVE, k1.status());
        AccessKey k2 = iam.createAccessKey(b -> b.userName(name)).accessKey();
        fails(LimitExceededException.class, "LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2",
                () -> iam.createAccessKey(b -> b.userName(name)));
        iam.updateAccessKey(b -> b.userName(name).accessKeyId(k2.accessKeyId()).status(StatusType.INACTIVE));
        List<AccessKeyMetadata> keys = iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata();
        assertEquals(2, keys.size());
        assertEquals(StatusType.INACTIVE, keys.stream().filter(k -> k.accessKeyId().equals(k2.accessKeyId()))
                .findFirst().orElseThrow().status());
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete entity, must delete access keys first.",
                () -> iam.deleteUser(b -> b.userName(name)));
        iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k1.accessKeyId()));
        iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k2.accessKeyId()));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null,
                () -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k2.accessKeyId())));
        iam.putUserPolicy(b -> b.userName(name).policyName("p").policyDocument(S3_READ));
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                () -> iam.deleteUser(b -> b.userName(name)));
        iam.deleteUserPolicy(b -> b.userName(name).policyName("p"));
        iam.attachUserPolicy(b -> b.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertEquals("ReadOnlyAccess", iam.listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies().get(0)
                .policyName());
        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must detach all policies first.", () -> iam.deleteUser(b -> b.userName(name)));
        iam.detachUserPolicy(b -> b.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        iam.deleteUser(b -> b.userName(name));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null, () -> iam.getUser(b -> b.userName(name)));
    }

    @Test
    void aKeyIamIssuedSignsAsItsUserInItsAccount() {
        String name = unique("signer");
        String account = "123456789012";
        try (IamClient other = AwsClients.client(IamClient.builder(), gureum.endpoint(), account, "eu-west-1")) {
            User user = other.createUser(b -> b.userName(name)).user();
            assertEquals("arn:aws:iam::" + account + ":user/" + name, user.arn());
            AccessKey key = other.createAccessKey(b -> b.userName(name)).accessKey();
            var credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
            try (StsClient sts = StsClient.builder().endpointOverride(gureum.endpoint())
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(credentials)
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
                    IamClient asUser = IamClient.builder().endpointOverride(gureum.endpoint())
                            .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL).credentialsProvider(credentials)
                            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                            .build()) {
                GetCallerIdentityResponse id = sts.getCallerIdentity();
                assertEquals(account, id.account());
                assertEquals(user.arn(), id.arn());
                assertEquals(user.userId(), id.userId());
                // GetUser without a name is the caller; ListAccessKeys without a name lists the caller's keys.
                assertEquals(user.arn(), asUser.getUser().user().arn());
                assertEquals(key.accessKeyId(), asUser.listAccessKeys().accessKeyMetadata().get(0).accessKeyId());
                // The key's account is the user's: the default account does not see this user.
                fails(NoSuchEntityException.class, "NoSuchEntity", 404, null, () -> iam.getUser(b -> b.userName(name)));

                other.updateAccessKey(b -> b.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
                assertEquals("000000000000", sts.getCallerIdentity().account(), "an inactive key no longer maps");
            }
        }
    }

    @Test
    void accessKeyCallsWithoutANameNeedUserCredentials() {
        fails(AwsServiceException.class, "ValidationError", 400,
                "Must specify userName when calling with non-User credentials", () -> iam.listAccessKeys());
        assertNull(iam.getUser().user().userName());
    }

    @Test
    void aLoginProfileIsOnePerUserAndMustGoBeforeTheUser() {
        String user = unique("console");
        iam.createUser(b -> b.userName(user));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Login Profile for User " + user + " cannot be found.",
                () -> iam.getLoginProfile(b -> b.userName(user)));
        LoginProfile created = iam.createLoginProfile(b -> b.userName(user).password("Pa55word!x")
                .passwordResetRequired(true)).loginProfile();
        assertEquals(user, created.userName());
        assertTrue(created.passwordResetRequired());
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409, null,
                () -> iam.createLoginProfile(b -> b.userName(user).password("Pa55word!y")));
        iam.updateLoginProfile(b -> b.userName(user).password("Pa55word!z").passwordResetRequired(false));
        LoginProfile got = iam.getLoginProfile(b -> b.userName(user)).loginProfile();
        assertFalse(got.passwordResetRequired());
        assertEquals(created.createDate(), got.createDate());
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete entity, must delete login profile first.",
                () -> iam.deleteUser(b -> b.userName(user)));
        iam.deleteLoginProfile(b -> b.userName(user));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Login Profile for User " + user + " cannot be found.",
                () -> iam.deleteLoginProfile(b -> b.userName(user)));
        iam.deleteUser(b -> b.userName(user));
    }

    @Test
    void updateUserRenamesAndMovesKeepingIdKeysAndGroups() {
        String user = unique("old");
        String renamed = unique("new");
        String taken = unique("taken");
        String group = unique("g");
        User created = iam.createUser(b -> b.userName(user)).user();
        iam.createUser(b -> b.userName(taken));
        iam.createGroup(b -> b.groupName(group));
        iam.addUserToGroup(b -> b.groupName(group).userName(user));
        String key = iam.createAccessKey(b -> b.userName(user)).accessKey().accessKeyId();
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409, "User with name " + taken + " already exists.",
                () -> iam.updateUser(b -> b.userName(user).newUserName(taken)));

        iam.updateUser(b -> b.userName(user).newUserName(renamed).newPath("/moved/"));
        User got = iam.getUser(b -> b.userName(renamed)).user();
        assertEquals(created.userId(), got.userId());
        assertEquals("arn:aws:iam::000000000000:user/moved/" + renamed, got.arn());
        assertEquals(List.of(key), iam.listAccessKeys(b -> b.userName(renamed)).accessKeyMetadata().stream()
                .map(AccessKeyMetadata::accessKeyId).toList());
        assertEquals(List.of(renamed), iam.getGroup(b -> b.groupName(group)).users().stream().map(User::userName).toList());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The user with name " + user + " cannot be found.",
                () -> iam.getUser(b -> b.userName(user)));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The user with name " + user + " cannot be found.",
                () -> iam.updateUser(b -> b.userName(user).newPath("/x/")));
    }
}
