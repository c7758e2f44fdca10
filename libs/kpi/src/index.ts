export {
  LOCAL_TIME_ZONE,
  isLocalDate,
  localDateOf,
  localDayRange,
  type TimeRange,
} from './calendar/local-calendar';
