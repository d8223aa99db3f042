package io.sluice.storage.s3;

import java.util.List;

/**
 * An object's or bucket's ACL as the endpoint reports it.
 *
 * @param owner the owner's display name or id
 */
public record AccessControlList(String owner, List<Grant> grants) {

  /** Who S3 calls everyone, anonymous requests included. */
  public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

  /** Any AWS account, as long as the request is signed. */
  public static final String AUTHENTICATED_USERS =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

  /**
   * One grant.
   *
   * @param grantee a group URI ({@link #ALL_USERS}), a canonical user id or an e-mail address
   * @param permission READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL
   */
  public record Grant(String grantee, String permission) {}

  public AccessControlList {
    grants = List.copyOf(grants);
  }

  /** True when anonymous requests may read (the effect of {@code public-read}). */
  public boolean publicRead() {
    return grants.stream()
        .anyMatch(
            g ->
                ALL_USERS.equals(g.grantee())
                    && (g.permission().equals("READ") || g.permission().equals("FULL_CONTROL")));
  }

  /** True when anonymous requests may write (the effect of {@code public-read-write}). */
  public boolean publicWrite() {
    return grants.stream()
        .anyMatch(
            g ->
                ALL_USERS.equals(g.grantee())
                    && (g.permission().equals("WRITE") || g.permission().equals("FULL_CONTROL")));
  }
}
