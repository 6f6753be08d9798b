/*
 * azure_id.h - the parts of an Azure resource id
 * ("/subscriptions/ID/resourceGroups/G/providers/NS/TYPE/NAME/..."):
 * subscription, resource group, resource type and parent resource, with
 * the fixed segments matched in any letter case.
 */
#ifndef SRMAP_AZURE_ID_H
#define SRMAP_AZURE_ID_H

/* Subscription id of a resource id ("/subscriptions/ID/..."), copied (caller frees); or NULL. */
char *import_subscription_of(const char *resource_id);

/* Resource group of a resource id, copied (caller frees); or NULL. */
char *import_group_of(const char *resource_id);

/*
 * Resource type of a resource id ("Microsoft.Sql/servers/databases"),
 * copied (caller frees); or NULL.
 */
char *import_type_of(const char *resource_id);

/* Id of the parent of a child resource (one type segment less), copied (caller frees); or NULL. */
char *import_parent_of(const char *resource_id);

/* Returns 1 when id names a subscription itself ("/subscriptions/ID"). */
int import_is_subscription(const char *id);

#endif
