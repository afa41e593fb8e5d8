package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.model.ChangePasswordRequest;
import software.amazon.awssdk.services.iam.model.ChangePasswordResponse;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.InvalidUserTypeException;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileResponse;

/** Users' console passwords: whether one exists, since when, and whether it must be reset. */
final class LoginProfiles extends Family {

    LoginProfiles(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateLoginProfileResponse createLoginProfile(CreateLoginProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = AccessKeys.user(account, r.userName());
            if (user.loginProfile != null) {
                throw IamErrors.alreadyExists("Login Profile for user " + user.name + " already exists.");
            }
            if (r.password() != null) {
                PasswordPolicyRules.check(account.passwordPolicy, r.password());
            }
            user.loginProfile = new User.LoginProfile(now(), Boolean.TRUE.equals(r.passwordResetRequired()),
                    hash(r.password()));
            return CreateLoginProfileResponse.builder().loginProfile(sdk(user)).build();
        }
    }

    public GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            return GetLoginProfileResponse.builder().loginProfile(sdk(require(account, r.userName()))).build();
        }
    }

    public UpdateLoginProfileResponse updateLoginProfile(UpdateLoginProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = require(account, r.userName());
            String hash = user.loginProfile.passwordHash();
            if (r.password() != null) {
                PasswordPolicyRules.check(account.passwordPolicy, r.password());
                hash = hash(r.password());
            }
            boolean reset = r.passwordResetRequired() != null ? r.passwordResetRequired()
                    : user.loginProfile.passwordResetRequired();
            user.loginProfile = new User.LoginProfile(user.loginProfile.created(), reset, hash);
            return UpdateLoginProfileResponse.builder().build();
        }
    }

    public DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            require(account, r.userName()).loginProfile = null;
            return DeleteLoginProfileResponse.builder().build();
        }
    }

    /**
     * An IAM user changes their own console password (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ChangePassword.html):
     * the root user cannot ({@code InvalidUserType}); the new password must satisfy the password policy and
     * clears PasswordResetRequired.
     */
    public ChangePasswordResponse changePassword(ChangePasswordRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.caller(context, account);
            if (user == null) {
                throw io.gureum.core.error.ModeledErrors.of(InvalidUserTypeException.class,
                        "The request was rejected because the type of user for the transaction was incorrect.");
            }
            require(account, user.name);
            if (!Passwords.matches(r.oldPassword(), user.loginProfile.passwordHash())) {
                throw new io.gureum.core.error.AwsException("AccessDenied", "The old password is incorrect.", 403);
            }
            PasswordPolicyRules.check(account.passwordPolicy, r.newPassword());
            user.loginProfile = new User.LoginProfile(user.loginProfile.created(), false, hash(r.newPassword()));
            return ChangePasswordResponse.builder().build();
        }
    }

    private String hash(String password) {
        return password == null ? null : Passwords.hash(password, context.ids().hex(32));
    }

    /** The user, which has a login profile. Caller holds the lock. */
    private static User require(IamStore.Account account, String name) {
        User user = AccessKeys.user(account, name);
        if (user.loginProfile == null) {
            throw IamErrors.noSuchEntity("Login Profile for User " + user.name + " cannot be found.");
        }
        return user;
    }


    private static LoginProfile sdk(User user) {
        return LoginProfile.builder().userName(user.name).createDate(user.loginProfile.created())
                .passwordResetRequired(user.loginProfile.passwordResetRequired()).build();
    }
}
