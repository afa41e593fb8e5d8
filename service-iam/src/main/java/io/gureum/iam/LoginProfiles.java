package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
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
            user.loginProfile = new User.LoginProfile(now(), Boolean.TRUE.equals(r.passwordResetRequired()));
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
            if (r.passwordResetRequired() != null) {
                user.loginProfile = new User.LoginProfile(user.loginProfile.created(), r.passwordResetRequired());
            }
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
