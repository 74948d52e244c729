export { checkProfile, where, type CheckedProfile } from './check-profile';
export {
  ENV_VAR_PREFIX,
  loadProfiles,
  PROFILE_PATH_ENV_VAR,
  profilesFilePath,
  type LoadProfilesOptions,
  type Profile,
  type Profiles,
} from './load-profiles';
export { profileConnector, SUPPORTED_CONNECTORS } from './profile-connector';
export { isProfileReader, type ProfileReader, type ProfileSource } from './profile-reader';
