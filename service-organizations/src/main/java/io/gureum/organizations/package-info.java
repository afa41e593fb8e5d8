/**
 * AWS Organizations: organizations, accounts ({@code CreateAccount} makes an account Gureum serves, with its
 * {@code OrganizationAccountAccessRole} made through IAM's in-process client), OUs, policies of every type and
 * their attachments, tag-policy inheritance, invitations, delegated administrators, trusted service access,
 * tags and the organization's resource policy.
 *
 * <p>For the policy engine: {@link io.gureum.organizations.ApplicablePolicies#of} (from the server's
 * {@code ServiceContext.shared()}) answers which SCPs and RCPs apply to an account, level by level from the
 * root down to the account, with their documents. It reads the same state the API serves, under the same
 * lock, so the engine needs no Organizations API call per request; the API
 * ({@code ListParents} + {@code ListPoliciesForTarget} + {@code DescribePolicy}) answers the same.
 */
package io.gureum.organizations;
