export * from './account-stack';
export * from './backup-account-stack';
export * from './management-stack';
export * from './org-backup-app';
export * from './source-account-stack';
