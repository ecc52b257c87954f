/**
 * `resourceTypeOptIn`: AWS Backup's service opt-in in every account and region the project manages.
 * One optional boolean per type of `BACKUP_RESOURCE_TYPES` (the list the construct, the rule pack
 * and the modules use); an unknown type is refused with the nearest known one, like any unknown key.
 */
import { z } from 'zod';
import { BACKUP_RESOURCE_TYPES } from '../modules/shared/backup-resource-types';

export const RESOURCE_TYPE_OPT_IN = z
  .strictObject(
    Object.fromEntries(BACKUP_RESOURCE_TYPES.map((type) => [type, z.boolean().optional().describe(`true (the default): AWS Backup backs up ${type} resources that a tag-based backup policy selects.`)])) as Record<string, z.ZodOptional<z.ZodBoolean>>,
  )
  .prefault({})
  .describe(
    `AWS Backup service opt-in per resource type, in every account and region: false leaves a type out of tag-based backup policies. Default: every type opted in (${BACKUP_RESOURCE_TYPES.join(', ')}).`,
  );
