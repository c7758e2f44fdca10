/** A camera AI alert of the day, with whether an operator has taken charge of it. */
export interface CameraAlertLine {
  alertId: string;
  alertType: string;
  severity: 'info' | 'warning' | 'critical';
  raisedAt: Date;
  acknowledged: boolean;
}

/** A congestion that started and has not ended. */
export interface CongestionLine {
  congestionId: string;
  level: string;
  startedAt: Date;
}

export interface CameraSituation {
  alerts: CameraAlertLine[];
  /** All alerts raised in the window, beyond the listed ones. */
  alertsRaised: number;
  alertsUnacknowledged: number;
  congestions: CongestionLine[];
}

/** What the alerts panel reads from the camera feed: newest first, at most `limit` lines each. */
export interface CameraAlerts {
  situation(unitCodes: readonly string[], since: Date, asOf: Date, limit: number): Promise<CameraSituation>;
  /** `situation([unit])` for each unit, by unit code (every unit listed), in one read. */
  situationEach(
    unitCodes: readonly string[],
    since: Date,
    asOf: Date,
    limit: number,
  ): Promise<Map<string, CameraSituation>>;
}
export const CAMERA_ALERTS = Symbol('CAMERA_ALERTS');
